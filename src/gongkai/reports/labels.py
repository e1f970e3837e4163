"""How the 2021 national format names the rows and columns."""

from gongkai.applications.categories import APPLICANT_TYPES, REPLY_CATEGORIES

COLUMN_LABELS = {**APPLICANT_TYPES, "total": "总计"}
GROUP_LABELS = {
    "1": "（一）予以公开",
    "2": "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
    "3": "（三）不予公开",
    "4": "（四）无法提供",
    "5": "（五）不予处理",
    "6": "（六）其他处理",
}
ROW_LABELS = {
    "new": "一、本年新收政府信息公开申请数量",
    "carried_over": "二、上年结转政府信息公开申请数量",
    **GROUP_LABELS,
    **{
        code: f"{code.split('.')[1]}.{label.split('：', 1)[1]}"
        for code, label in REPLY_CATEGORIES.items()
        if "." in code
    },
    "total": "（七）总计",
    "carried_forward": "四、结转下年度继续办理",
}
SECTION2_ROWS = [
    ("第二十条第（一）项", [("rules", "规章"), ("normative", "行政规范性文件")]),
]
SECTION2_SINGLE = [
    ("第二十条第（五）项", "licensing", "行政许可", "本年处理决定数量"),
    ("第二十条第（六）项", "penalty", "行政处罚", "本年处理决定数量"),
    ("第二十条第（六）项", "coercion", "行政强制", "本年处理决定数量"),
    ("第二十条第（八）项", "fees", "行政事业性收费", "本年收费金额（单位：万元）"),
]
REVIEW_COLUMNS = [
    ("upheld", "结果维持"),
    ("corrected", "结果纠正"),
    ("other", "其他结果"),
    ("pending", "尚未审结"),
    ("total", "总计"),
]
REVIEW_KINDS = [
    ("reconsideration", "行政复议"),
    ("litigation_direct", "行政诉讼（未经复议直接起诉）"),
    ("litigation_after", "行政诉讼（复议后起诉）"),
]
