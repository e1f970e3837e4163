"""The verifiable public lottery (decision 0023): the algorithm, its draw.json file and its verifiers.

Other apps draw with `gongkai.lottery.algorithm.draw(...)`, which returns the draw.json document.
"""
