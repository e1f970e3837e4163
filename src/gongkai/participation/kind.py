"""Consultations as a published kind of their own: what differs from the one workflow.

Corrections carry the parts that go public after the draft itself: `publish_report` (意见采纳情况),
`announce_hearing` and `publish_minutes` (a hearing's id), `publish_review` (an expert review's id) and
`final_document` (the document the draft became). Each is a new version, logged with its content.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.core import errors, privacy, workflow
from gongkai.core.calendar_data import load_calendar
from gongkai.lottery import algorithm

from .errors import ParticipationError
from .models import Consultation, Hearing

TEXT_FIELDS = {"title", "draft", "explanation", "closes_on", "short_period_reason", "email", "postal_address"}
# the value of each: publish_report a moment; announce_hearing, publish_minutes and publish_review
# (id, moment); final_document a Document
PARTS = {"publish_report", "announce_hearing", "publish_minutes", "publish_review", "final_document"}


def min_days() -> int:
    return int(getattr(settings, "CONSULTATION_MIN_DAYS", 30))


def check_period(item: Consultation) -> None:
    """A 重大行政决策 draft is open for at least 30 days unless a reason is recorded (LAW.md §5)."""
    if item.closes_on < item.opens_on:
        raise ParticipationError(_("截止日期不能早于开始日期。"), code="period", field="closes_on")
    if item.major_decision and item.period_days < min_days() and not item.short_period_reason.strip():
        raise ParticipationError(
            _("重大行政决策草案征求意见期不少于%(n)d日（现为%(d)d日），时间更短的须填写理由。")
            % {"n": min_days(), "d": item.period_days},
            code="period_too_short",
            field="short_period_reason",
        )
    if item.normative_document and not item.short_period_reason.strip():
        workdays = int(getattr(settings, "CONSULTATION_NORMATIVE_MIN_WORKDAYS", 7))
        last_needed = load_calendar().due_date(item.opens_on - timedelta(days=1), workdays).due_date
        if item.closes_on < last_needed:  # the period counts its first and last days
            raise ParticipationError(
                _("行政规范性文件草案征求意见期不少于%(n)d个工作日（应至少到%(d)s），时间更短的须填写理由。")
                % {"n": workdays, "d": last_needed.isoformat()},
                code="period_too_short",
                field="short_period_reason",
            )


PART_LABELS = {"report": "意见采纳情况", "hearing": "听证笔录和结果", "review": "专家论证意见"}


def text_label(name: str) -> str:
    """The Chinese name of a text of `public_texts` (a model field, or a part such as `hearing-3`)."""
    if name in PART_LABELS or "-" in name:
        return _(PART_LABELS[name.partition("-")[0]])
    return str(Consultation._meta.get_field(name).verbose_name)


def refuse_unscannable(item: Consultation) -> None:
    """Refuse (`too_long`, naming the text) what the personal-data guard would have to scan in part."""
    privacy.refuse_too_long(public_texts(item), ParticipationError, text_label)


def public_texts(item: Consultation) -> dict[str, str]:
    """Every text of ITEM the public reads (draft, explanation, and the parts already published)."""
    texts = {"title": item.title, "draft": item.draft, "explanation": item.explanation}
    report = getattr(item, "adoption_report", None) if item.pk else None
    if report is not None:
        texts["report"] = "\n".join(
            [report.summary, *(f"{t.topic}\n{t.reason}" for t in report.topics.all())]
        )
    if item.pk:
        for hearing in item.hearings.all():
            texts[f"hearing-{hearing.pk}"] = "\n".join(
                [hearing.title, hearing.place, hearing.minutes, hearing.outcome]
            )
        for review in item.expert_reviews.all():
            if review.public:
                texts[f"review-{review.pk}"] = "\n".join([review.opinions, review.conclusion])
    return texts


def consultation_content(item: Consultation) -> dict[str, Any]:
    content: dict[str, Any] = {
        "index_no": item.index_no, "version": item.version, "unit": item.unit.code, "title": item.title,
        "round": item.round_no, "opens_on": item.opens_on.isoformat(), "closes_on": item.closes_on.isoformat(),
        "paragraphs": [p.text for p in item.paragraphs.all()] if item.pk else [],
        "explanation": item.explanation, "channels": {"email": item.email, "post": item.postal_address},
    }  # fmt: skip
    report = getattr(item, "adoption_report", None) if item.pk else None
    if report is not None and report.published_at:
        content["adoption"] = {
            "opinions": report.opinions, "people": report.people, "summary": report.summary,
            "topics": [[t.topic, t.opinions, t.outcome, t.reason] for t in report.topics.all()],
        }  # fmt: skip
    if item.pk:
        content["hearings"] = [
            {"title": h.title, "held_at": h.held_at.isoformat(), "place": h.place, "seats": h.seats,
             "commitment": h.draw_commitment, "draw_seed": (h.draw or {}).get("seed", ""),
             "draw_result": (h.draw or {}).get("result"),
             "minutes": h.minutes if h.minutes_published_at else "", "outcome": h.outcome if h.minutes_published_at else ""}
            for h in item.hearings.exclude(announced_at=None)
        ]  # fmt: skip
        content["expert_reviews"] = [
            {"held_on": r.held_on.isoformat(), "experts": r.experts, "opinions": r.opinions, "conclusion": r.conclusion}
            for r in item.expert_reviews.exclude(published_at=None)
        ]  # fmt: skip
    if item.final_document_id:
        content["final_document"] = item.final_document.index_no  # type: ignore[union-attr]
    return content


class ConsultationKind(workflow.Kind[Consultation]):
    model = Consultation
    slug = "consultation"
    label = "征求意见"
    log_type = "consultation"
    error = ParticipationError

    def formed_year(self, item: Consultation) -> int:
        return item.opens_on.year

    def content(self, item: Consultation) -> dict[str, Any]:
        return consultation_content(item)

    def public_title(self, item: Consultation) -> str:
        return str(item)

    def findings(self, item: Consultation) -> workflow.Findings:
        refuse_unscannable(item)  # also what was stored before the cap, or under a higher one
        return privacy.findings(public_texts(item))

    def check_submit(self, item: Consultation) -> None:
        if not item.paragraphs.exists():
            raise ParticipationError(_("草案全文不能为空。"), code="empty", field="draft")
        check_period(item)

    def apply(self, item: Consultation, fields: Mapping[str, Any]) -> None:
        unknown = set(fields) - TEXT_FIELDS - PARTS
        if unknown:
            raise TypeError(f"fields that cannot be amended: {sorted(unknown)}")
        for name, value in fields.items():
            if name in TEXT_FIELDS:
                setattr(item, name, value)
            elif name == "publish_report":
                _publish_report(item, value)
            elif name in ("announce_hearing", "publish_minutes"):
                _publish_hearing(item, *value, what=name)
            elif name == "publish_review":
                pk, at = value
                if not item.expert_reviews.filter(pk=pk, public=True, published_at=None).update(
                    published_at=at
                ):
                    raise ParticipationError(
                        _("没有这项可公开的专家论证。"), code="not_found", field="review"
                    )
            elif name == "final_document":
                item.final_document = value
        errors.full_clean(item, ParticipationError)
        if "draft" in fields:
            from .services import split_paragraphs

            split_paragraphs(item)
        check_period(item)


def _publish_report(item: Consultation, now: datetime) -> None:
    """Publish the adoption report as of NOW (a moment after the close)."""
    report = getattr(item, "adoption_report", None)
    if report is None or not report.topics.exists():
        raise ParticipationError(
            _("请先填写意见采纳情况（至少一个意见主题）。"), code="no_report", field="topics"
        )
    if item.phase(timezone.localdate(now)) not in ("closed", "reported"):
        raise ParticipationError(_("征求意见结束后才能发布意见采纳情况。"), code="still_open")
    report.published_at = report.published_at or now
    report.save(update_fields=["published_at"])


def _publish_hearing(item: Consultation, pk: int, now: datetime, *, what: str) -> None:
    hearing = Hearing.objects.filter(consultation=item, pk=pk).first()
    if hearing is None:
        raise ParticipationError(_("没有这场听证会。"), code="not_found", field="hearing")
    if what == "announce_hearing":
        if timezone.localdate(hearing.held_at) <= timezone.localdate(now):
            raise ParticipationError(_("听证公告须在举行日期之前发布。"), code="too_late", field="held_at")
        hearing.announced_at = hearing.announced_at or now
        if not hearing.draw_secret:  # its commitment goes out with the announcement (decision 0023)
            hearing.draw_secret = algorithm.new_secret()
            hearing.draw_commitment = algorithm.commitment(hearing.draw_secret)
    else:
        if hearing.announced_at is None or not hearing.minutes.strip():
            raise ParticipationError(
                _("听证会公告后、填写笔录摘要后才能公开笔录。"), code="no_minutes", field="minutes"
            )
        hearing.minutes_published_at = now
    hearing.save(update_fields=["announced_at", "minutes_published_at", "draw_secret", "draw_commitment"])


KIND = ConsultationKind()
workflow.register(KIND)
