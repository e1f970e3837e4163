"""What staff and the public do with consultations: draft, comment, moderate, reply, report, hearings."""

from __future__ import annotations

import re
import secrets
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.core import audit, errors, index_numbers, privacy, ratelimit, workflow
from gongkai.core.models import Unit, User
from gongkai.lottery import algorithm
from gongkai.lottery.services import local_iso

from .errors import ParticipationError
from .kind import KIND, check_period, refuse_unscannable
from .models import (
    AdoptionReport,
    AdoptionTopic,
    Comment,
    CommentStatus,
    Consultation,
    ExpertReview,
    Hearing,
    Moderation,
    Outcome,
    Paragraph,
    Registration,
)

EDITABLE = (
    "title", "draft", "explanation", "major_decision", "normative_document", "opens_on", "closes_on", "short_period_reason", "email",
    "postal_address", "name_required", "moderation",
)  # fmt: skip


def comments_per_hour() -> int:
    return int(getattr(settings, "CONSULTATION_COMMENTS_PER_HOUR", 10))


def reports_to_hide() -> int:
    return int(getattr(settings, "CONSULTATION_REPORTS_TO_HIDE", 3))


def split_paragraphs(item: Consultation) -> None:
    """Make ITEM's paragraphs from its draft (blank lines separate them); comments stay on the old ones
    only while the draft is a draft, so this runs before any comment exists."""
    texts = [p.strip() for p in re.split(r"\n\s*\n", item.draft.replace("\r\n", "\n")) if p.strip()]
    if item.comments.exists():
        raise ParticipationError(
            _("已收到意见的草案不能再修改全文，请发起新一轮征求意见。"), code="has_comments", field="draft"
        )
    item.paragraphs.all().delete()
    Paragraph.objects.bulk_create(
        Paragraph(consultation=item, position=i, text=t) for i, t in enumerate(texts, 1)
    )


@transaction.atomic
def consultation_create(
    *, by: User, unit: Unit, previous_round: Consultation | None = None, **fields: Any
) -> Consultation:
    """Create a draft consultation with a fresh 索引号 (a later round of PREVIOUS_ROUND when given)."""
    unknown = set(fields) - set(EDITABLE)
    if unknown:
        raise TypeError(f"unknown consultation fields: {sorted(unknown)}")
    item = Consultation(unit=unit, created_by=by, last_edited_by=by, previous_round=previous_round, **fields)
    if previous_round is not None:
        item.round_no = previous_round.round_no + 1
    errors.full_clean(item, ParticipationError, exclude=["index_no"])
    refuse_unscannable(item)
    check_period(item)
    item.index_no = index_numbers.next_number(unit=unit, year=KIND.formed_year(item))
    item.save()
    split_paragraphs(item)
    workflow.changed(item, "created", by=by)
    return item


@transaction.atomic
def consultation_edit(item: Consultation, *, by: User, **fields: Any) -> Consultation:
    item = workflow.lock(item)
    if not item.can_edit():
        raise ParticipationError(_("只有草稿可以修改。"), code="bad_state")
    for name, value in fields.items():
        if name not in EDITABLE:
            raise TypeError(f"unknown consultation field {name!r}")
        setattr(item, name, value)
    errors.full_clean(item, ParticipationError)
    refuse_unscannable(item)
    check_period(item)
    workflow.edited(item, by=by)
    item.save()
    split_paragraphs(item)
    workflow.changed(item, "changed", by=by)
    return item


# --- comments ------------------------------------------------------------------------------------


def _required(value: str, field: str, label: str) -> str:
    if not value.strip():
        raise ParticipationError(_("%(f)s不能为空。") % {"f": label}, code="required", field=field)
    return value.strip()


@transaction.atomic
def comment_submit(
    item: Consultation,
    *,
    body: str,
    client: str,
    paragraph: int | None = None,
    name: str = "",
    contact: str = "",
    now: datetime | None = None,
) -> Comment:
    """A reader's comment on the whole draft or one paragraph. Personal data in the text holds it for
    moderation with the public text masked; pre-moderated consultations hold every comment."""
    body = _required(body or "", "body", _("意见内容"))[:5000]
    now = now or timezone.now()
    if not item.is_open(timezone.localdate(now)):
        raise ParticipationError(_("该草案不在征求意见期内。"), code="not_open")
    if item.name_required:
        _required(name or "", "name", _("姓名"))
    part = None
    if paragraph is not None:
        part = item.paragraphs.filter(pk=paragraph).first()
        if part is None:
            raise ParticipationError(_("没有这个段落。"), code="invalid", field="paragraph")
    if ratelimit.over("consultation-comment", client, limit=comments_per_hour(), window=3600):
        raise ParticipationError(_("提交过于频繁，请一小时后再试。"), code="rate_limited")
    if Comment.objects.filter(consultation=item, body=body, status=CommentStatus.PUBLISHED).exists():
        raise ParticipationError(_("已收到内容相同的意见。"), code="duplicate", field="body")
    found = privacy.scan(body, allow=privacy.public_allowlist(), people=True)
    held = bool(found) or item.moderation == Moderation.PRE
    return Comment.objects.create(
        consultation=item, paragraph=part, body=body, public_body=privacy.redact(body, found),
        findings=[{"kind": f.kind, "masked": f.masked} for f in found], name=(name or "").strip()[:100],
        contact=(contact or "").strip()[:200], status=CommentStatus.PENDING if held else CommentStatus.PUBLISHED,
        created_at=now,
    )  # fmt: skip


def public_comments(item: Consultation) -> Any:
    return item.comments.filter(status=CommentStatus.PUBLISHED).select_related("paragraph")


@transaction.atomic
def comment_moderate(
    comment: Comment, *, by: User, publish: bool, note: str = "", now: datetime | None = None
) -> Comment:
    comment = Comment.objects.select_for_update().get(pk=comment.pk)
    if not publish and not note.strip():
        raise ParticipationError(_("不予公开时请写明理由。"), code="note_required", field="note")
    comment.status = CommentStatus.PUBLISHED if publish else CommentStatus.REJECTED
    comment.moderation_note, comment.moderated_by = note.strip()[:200], by
    if publish:
        comment.reports = 0
    comment.save(update_fields=["status", "moderation_note", "moderated_by", "reports"])
    audit.record(comment.consultation, "participation.comment.moderated", by=by,
                 data={"comment": comment.pk, "status": comment.status, "note": comment.moderation_note})  # fmt: skip
    return comment


@transaction.atomic
def comment_reply(comment: Comment, *, by: User, text: str, now: datetime | None = None) -> Comment:
    text = _required(text, "reply", _("答复内容"))
    privacy.refuse_too_long({"reply": text}, ParticipationError, lambda _name: _("答复内容"))
    found = privacy.scan(text, allow=privacy.public_allowlist(), people=True)
    if found:
        raise ParticipationError(
            _("答复中含有个人信息（%(k)s），请删除后再答复。") % {"k": "、".join(sorted({f.label for f in found}))},
            code="privacy_findings", field="reply",
        )  # fmt: skip
    comment.reply, comment.replied_at, comment.moderated_by = text, now or timezone.now(), by
    comment.save(update_fields=["reply", "replied_at", "moderated_by"])
    audit.record(comment.consultation, "participation.comment.replied", by=by, data={"comment": comment.pk})
    return comment


@transaction.atomic
def comment_report(comment: Comment, *, client: str) -> bool:
    """A reader reports COMMENT; each client counts once a day. Enough reports take it back to moderation."""
    if ratelimit.over("consultation-report", f"{client}:{comment.pk}", limit=1, window=86400):
        return False
    comment = Comment.objects.select_for_update().get(pk=comment.pk)
    comment.reports += 1
    if comment.reports >= reports_to_hide() and comment.status == CommentStatus.PUBLISHED:
        comment.status = CommentStatus.PENDING
    comment.save(update_fields=["reports", "status"])
    return True


# --- after the close: 意见采纳情况 --------------------------------------------------------------------


@transaction.atomic
def report_save(
    item: Consultation,
    *,
    by: User,
    summary: str,
    opinions: int,
    people: int,
    topics: Iterable[tuple[str, int, str, str]],
) -> AdoptionReport:
    """Write (or rewrite, until published) the adoption report: TOPICS are (topic, opinions, outcome, reason)."""
    if item.phase() == "upcoming" or item.is_open():
        raise ParticipationError(_("征求意见结束后才能填写意见采纳情况。"), code="still_open")
    rows = list(topics)
    for topic, count, outcome, reason in rows:
        _required(topic, "topics", _("意见主题"))
        if outcome not in Outcome.values:
            raise ParticipationError(
                _("采纳情况须为采纳、部分采纳或未采纳。"), code="invalid", field="topics"
            )
        if outcome != Outcome.ADOPTED and not reason.strip():
            raise ParticipationError(
                _("部分采纳或未采纳的意见须说明理由：%(t)s。") % {"t": topic},
                code="reason_required",
                field="topics",
            )
        if count < 1:
            raise ParticipationError(_("每个主题的意见条数至少为1。"), code="invalid", field="topics")
    if sum(r[1] for r in rows) > opinions:
        raise ParticipationError(
            _("各主题的意见条数之和不能超过意见总数。"), code="invalid", field="opinions"
        )
    if people > opinions:
        raise ParticipationError(_("提出意见的人数不能多于意见条数。"), code="invalid", field="people")
    report, _created = AdoptionReport.objects.update_or_create(
        consultation=item, defaults={"summary": summary.strip(), "opinions": opinions, "people": people}
    )
    if report.published_at:
        raise ParticipationError(_("意见采纳情况已发布，请以更正方式修改。"), code="published")
    report.topics.all().delete()
    AdoptionTopic.objects.bulk_create(
        AdoptionTopic(report=report, position=i, topic=t.strip(), opinions=n, outcome=o, reason=r.strip())
        for i, (t, n, o, r) in enumerate(rows, 1)
    )
    return report


def report_publish(item: Consultation, *, by: User, now: datetime | None = None) -> Consultation:
    now = now or timezone.now()
    return workflow.amend(item, by=by, fields={"publish_report": now}, reason="发布意见采纳情况", now=now)


def link_final_document(item: Consultation, *, by: User, document: Any) -> Consultation:
    return workflow.amend(item, by=by, fields={"final_document": document}, reason="关联正式文件")


def closed_without_report(today: date | None = None) -> Any:
    """Public consultations whose period is over and whose adoption report is not published."""
    today = today or timezone.localdate()
    return Consultation.objects.filter(status="published", closes_on__lt=today).exclude(
        adoption_report__published_at__isnull=False
    )


# --- hearings and expert reviews -----------------------------------------------------------------


@transaction.atomic
def hearing_create(item: Consultation, *, by: User | None = None, **fields: Any) -> Hearing:
    hearing = Hearing(consultation=item, **fields)
    errors.full_clean(hearing, ParticipationError)
    if hearing.registration_closes_on >= timezone.localdate(hearing.held_at):
        raise ParticipationError(
            _("报名截止日期须早于听证会举行日期。"), code="invalid", field="registration_closes_on"
        )
    hearing.save()
    audit.record(
        item, "participation.hearing.created", by=by, data={"hearing": hearing.pk, "title": hearing.title}
    )
    return hearing


def hearing_announce(hearing: Hearing, *, by: User, now: datetime | None = None) -> Consultation:
    now = now or timezone.now()
    fields = {"announce_hearing": (hearing.pk, now)}
    return workflow.amend(hearing.consultation, by=by, fields=fields, reason="发布听证公告", now=now)


@transaction.atomic
def hearing_minutes(
    hearing: Hearing, *, by: User, minutes: str, outcome: str, now: datetime | None = None
) -> Consultation:
    now = now or timezone.now()
    Hearing.objects.filter(pk=hearing.pk).update(minutes=minutes.strip(), outcome=outcome.strip())
    fields = {"publish_minutes": (hearing.pk, now)}
    return workflow.amend(hearing.consultation, by=by, fields=fields, reason="公开听证笔录和结果", now=now)


@transaction.atomic
def hearing_register(
    hearing: Hearing,
    *,
    name: str,
    contact: str,
    category: str = "",
    statement: str = "",
    client: str,
    now: datetime | None = None,
) -> Registration:
    name = _required(name, "name", _("姓名"))
    contact = _required(contact, "contact", _("联系方式"))
    hearing = Hearing.objects.select_for_update().get(pk=hearing.pk)
    now = now or timezone.now()
    if not hearing.registration_open(timezone.localdate(now)):
        raise ParticipationError(_("听证会报名未开始或已截止。"), code="not_open")
    if ratelimit.over("hearing-register", client, limit=comments_per_hour(), window=3600):
        raise ParticipationError(_("提交过于频繁，请一小时后再试。"), code="rate_limited")
    ticket = f"H{hearing.pk}-{secrets.token_hex(3).upper()}"
    return Registration.objects.create(
        hearing=hearing, name=name[:100], contact=contact[:200], category=category.strip()[:60],
        statement=statement.strip()[:2000], ticket=ticket, created_at=now,
    )  # fmt: skip


@transaction.atomic
def hearing_draw(
    hearing: Hearing, *, by: User, public_value: str, now: datetime | None = None
) -> list[Registration]:
    """Select the participants with the public lottery (gongkai.lottery.algorithm, decision 0023): the
    tickets in registration order, the secret whose commitment went out with the announcement, and
    PUBLIC_VALUE (announced beforehand as its source, e.g. a notarised draw's figures). Everyone is
    selected when they fit the seats. The draw.json is published and logged with the consultation."""
    now = now or timezone.now()
    hearing = Hearing.objects.select_for_update().get(pk=hearing.pk)
    if hearing.drawn_at is not None:
        raise ParticipationError(_("已经抽签，不能重抽。"), code="drawn")
    if hearing.announced_at is None or not hearing.draw_secret:
        raise ParticipationError(_("听证公告发布后才能抽签。"), code="not_announced")
    if timezone.localdate(now) <= hearing.registration_closes_on:
        raise ParticipationError(_("报名截止后才能抽签。"), code="still_open")
    public_value = _required(public_value, "public_value", _("公开随机值"))[:200]
    registrations = list(hearing.registrations.order_by("id"))
    inputs = {"places": hearing.seats, "groups": [], "entries": [{"number": r.ticket} for r in registrations]}
    document = algorithm.draw(
        inputs=inputs, secret=hearing.draw_secret, public_value=public_value,
        entered_by=by.display_name or by.username, entered_at=local_iso(now),
        commitment_published_at=local_iso(hearing.announced_at),
        about={"title": hearing.title, "kind": "hearing", "url": hearing.get_absolute_url()},
    )  # fmt: skip
    rank = {ticket: n for n, ticket in enumerate(document["result"]["order"], 1)}
    winners = set(document["result"]["winners"])
    for row in registrations:
        row.draw_rank, row.selected = rank[row.ticket], row.ticket in winners
        row.save(update_fields=["draw_rank", "selected"])
    hearing.draw_public_value, hearing.draw, hearing.drawn_at = public_value, document, now
    hearing.save(update_fields=["draw_public_value", "draw", "drawn_at"])
    workflow.amend(hearing.consultation, by=by, fields={}, reason="公布听证参加人抽签结果", now=now)
    return sorted(registrations, key=lambda r: r.draw_rank or 0)


def draw_verifies(hearing: Hearing) -> bool:
    """Whether the published draw.json verifies and the recorded selection is the one it gives."""
    if hearing.draw is None or algorithm.verify(hearing.draw):
        return False
    rows = list(hearing.registrations.all())
    recorded = [r.ticket for r in sorted(rows, key=lambda r: r.draw_rank or 0)]
    winners = set(hearing.draw["result"]["winners"])
    return recorded == hearing.draw["result"]["order"] and all(
        r.selected == (r.ticket in winners) for r in rows
    )


@transaction.atomic
def review_create(item: Consultation, *, by: User | None = None, **fields: Any) -> ExpertReview:
    review = ExpertReview(consultation=item, **fields)
    errors.full_clean(review, ParticipationError)
    review.save()
    audit.record(item, "participation.review.created", by=by, data={"review": review.pk})
    return review


def review_publish(review: ExpertReview, *, by: User, now: datetime | None = None) -> Consultation:
    now = now or timezone.now()
    fields = {"publish_review": (review.pk, now)}
    return workflow.amend(review.consultation, by=by, fields=fields, reason="公开专家论证情况", now=now)
