"""The default 公开目录 tree: (code, name, parent code). Art. 20/21 and the seed report's areas."""

TREE = [
    ("org", "机构职能", None),
    ("policy", "政策文件", None),
    ("normative", "行政规范性文件", "policy"),
    ("policy-other", "其他文件", "policy"),
    ("interpretation", "政策解读", None),
    ("plan", "规划计划", None),
    ("stats", "统计信息", None),
    ("finance", "财政信息", None),
    ("budget", "预算", "finance"),
    ("final-accounts", "决算", "finance"),
    ("three-public", "“三公”经费", "finance"),
    ("approval", "行政审批", None),
    ("penalty", "行政处罚", None),
    ("fees", "行政事业性收费", None),
    ("land", "征地信息", None),
    ("housing", "保障性住房与房屋征收", None),
    ("procurement", "政府采购", None),
    ("public-service", "公共服务", None),
    ("employment", "就业创业", "public-service"),
    ("social-security", "社会保障", "public-service"),
    ("education", "教育", "public-service"),
    ("health", "医疗卫生", "public-service"),
    ("environment", "环境保护", None),
    ("safety", "安全生产", None),
    ("food-drug", "食品药品", None),
    ("credit", "信用信息", None),
    ("response", "回应关切", None),
    ("consultation", "征求意见", None),
    ("annual-report", "政府信息公开年度报告", None),
    ("other", "其他", None),
]


def ensure_default_catalog() -> int:
    """Create any missing node of the default tree (the office's edits are kept); return how many."""
    from .models import Category

    created = 0
    by_code: dict[str, Category] = {}
    for order, (code, name, parent) in enumerate(TREE):
        by_code[code], new = Category.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "parent": by_code.get(parent) if parent else None,
                "sort_order": order * 10,
            },
        )
        created += int(new)
    return created
