"""A yearly work summary (工作总结) in the shape of the seed report, its figures filled from the data."""

from __future__ import annotations

from collections import Counter

from gongkai.publishing import queries as catalog

from .annual import annual_report

SECTIONS = [
    (
        "一、全面深化政府信息公开工作",
        None,
        "全年主动公开政府信息{total}条，及时在门户网站公开工作规划、工作总结和规范性文件（{normative}件）。",
    ),
    (
        "二、深化公共政策公开",
        ["consultation", "interpretation"],
        "今年以来，公开征求意见{consultation}次，发布政策解读{interpretation}条。",
    ),
    (
        "三、推进行政权力运行信息公开",
        ["approval", "penalty"],
        "公开行政审批信息{approval}条、行政处罚信息{penalty}条。",
    ),
    (
        "四、继续推进财政资金信息公开",
        ["budget", "final-accounts", "three-public", "finance"],
        "公开预算信息{budget}条、决算信息{final-accounts}条、“三公”经费信息{three-public}条。",
    ),
    (
        "五、加强公共资源配置信息公开",
        ["land", "housing", "procurement"],
        "今年以来，共发布土地征收、使用信息{land}条，保障性住房与房屋征收信息{housing}条，政府采购信息{procurement}条。",
    ),
    (
        "六、加强公共服务信息公开",
        ["employment", "social-security", "education", "health", "public-service"],
        "公开就业创业信息{employment}条、社会保障信息{social-security}条、教育信息{education}条、医疗卫生信息{health}条。",
    ),
    (
        "七、推动公共监管信息公开",
        ["environment", "safety", "food-drug", "credit"],
        "公开环境保护信息{environment}条、安全生产信息{safety}条、食品药品信息{food-drug}条、信用信息{credit}条。",
    ),
]


def work_summary(year: int) -> list[tuple[str, str]]:
    """Return (heading, paragraph) pairs; the office edits the wording, the figures come from the data."""
    documents = catalog.public_documents().filter(publish_at__year=year)
    counts: Counter[str] = Counter(documents.values_list("category__code", flat=True))
    report = annual_report(year)
    facts = {
        **{code: counts.get(code, 0) for code in _all_codes()},
        "total": documents.count(),
        "normative": report["section2"]["normative"]["issued"],
    }
    parts = []
    for heading, _codes, template in SECTIONS:
        text = template
        for key, value in facts.items():
            text = text.replace("{" + key + "}", str(value))
        parts.append((heading, text))
    rows = report["section3"]["rows"]
    parts.append(
        (
            "八、依申请公开工作情况",
            f"全年收到政府信息公开申请{rows['new']['total']}件，上年结转{rows['carried_over']['total']}件；办结{rows['total']['total']}件，"
            f"其中予以公开{rows['1']['total']}件、部分公开{rows['2']['total']}件、不予公开{rows['3']['total']}件、"
            f"无法提供{rows['4']['total']}件、不予处理{rows['5']['total']}件、其他处理{rows['6']['total']}件；"
            f"结转下年度{rows['carried_forward']['total']}件。",
        )
    )
    return parts


def _all_codes() -> set[str]:
    return {code for _h, codes, _t in SECTIONS if codes for code in codes}
