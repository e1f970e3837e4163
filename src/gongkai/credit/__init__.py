"""Enterprise credit records (资质, 项目业绩, 信用评价, 良好/不良行为记录) and one profile per enterprise."""
