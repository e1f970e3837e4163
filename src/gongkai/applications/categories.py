"""The reply outcomes exactly as the 2021 annual-report format numbers them (LAW.md §3)."""

from __future__ import annotations

from django.db import models


class ReplyCategory(models.TextChoices):
    """The reply outcomes, valued as the annual report numbers its rows."""

    DISCLOSED = "1", "予以公开"
    PARTLY_DISCLOSED = "2", "部分公开"
    STATE_SECRET = "3.1", "不予公开：属于国家秘密"
    PROHIBITED_BY_LAW = "3.2", "不予公开：其他法律行政法规禁止公开"
    ENDANGERS_SAFETY = "3.3", "不予公开：危及“三安全一稳定”"
    THIRD_PARTY = "3.4", "不予公开：保护第三方合法权益"
    INTERNAL_AFFAIRS = "3.5", "不予公开：属于三类内部事务信息"
    PROCESS_INFORMATION = "3.6", "不予公开：属于四类过程性信息"
    ENFORCEMENT_FILE = "3.7", "不予公开：属于行政执法案卷"
    QUERY_MATTER = "3.8", "不予公开：属于行政查询事项"
    NOT_HELD = "4.1", "无法提供：本机关不掌握相关政府信息"
    WOULD_BE_CREATED = "4.2", "无法提供：没有现成信息需要另行制作"
    STILL_UNCLEAR = "4.3", "无法提供：补正后申请内容仍不明确"
    PETITION = "5.1", "不予处理：信访举报投诉类申请"
    REPEATED = "5.2", "不予处理：重复申请"
    PUBLICATION = "5.3", "不予处理：要求提供公开出版物"
    EXCESSIVE = "5.4", "不予处理：无正当理由大量反复申请"
    CONFIRMATION = "5.5", "不予处理：要求行政机关确认或重新出具已获取信息"
    NO_SUPPLEMENT = "6.1", "其他处理：申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"
    FEE_UNPAID = "6.2", "其他处理：申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"
    OTHER = "6.3", "其他处理：其他"


REPLY_CATEGORIES: dict[str, str] = {str(c.value): str(c.label) for c in ReplyCategory}
GROUPS = {"3": "不予公开", "4": "无法提供", "5": "不予处理", "6": "其他处理"}
APPLICANT_TYPES = {
    "natural": "自然人",
    "business": "商业企业",
    "research": "科研机构",
    "public_interest": "社会公益组织",
    "legal_service": "法律服务机构",
    "other": "其他",
}
