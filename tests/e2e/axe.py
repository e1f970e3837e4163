"""axe-core (vendored, the same copy the website census uses) run in a test's page.

The page's browser context must be created with ``bypass_csp=True``: the script is injected
inline, which the portal's Content-Security-Policy rightly refuses.
"""

from gongkai.sitecheck.accessibility import RUN_AXE, VENDOR

SERIOUS = ["serious", "critical"]


def violations(page, impacts: list[str] | None = None) -> list[str]:
    """The axe-core violations of PAGE at IMPACTS (serious and critical by default), one line each."""
    page.evaluate((VENDOR / "axe.min.js").read_text(encoding="utf-8"))
    found = page.evaluate(RUN_AXE, [None, impacts or SERIOUS])
    return [f"{v['id']} ({v['impact']}, {v['nodes']}×, e.g. {v['target']}): {v['help']}" for v in found]
