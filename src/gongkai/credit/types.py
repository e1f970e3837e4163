"""Credit records as a record type of the one workflow: list, page, feed, sitemap, search, API, export,
import and staff screens come with the registration; the profile joins them by `uscc`."""

from __future__ import annotations

from datetime import date, timedelta

from gongkai import records

from .models import CreditRecord


def display_until(record: CreditRecord) -> date | None:
    """A record is shown until its validity ends (an expired qualification, a bad record served out)."""
    return record.valid_to + timedelta(days=1) if record.valid_to else None


CREDIT_RECORDS = records.register(
    CreditRecord,
    records.RecordType(
        slug="credit-records",
        name="企业信用记录",
        nav_group="信用信息",
        home_column=False,
        search_words=("信用",),
        description="企业资质、项目业绩、信用评价、良好行为记录和不良行为记录。",
        title_field="title",
        date_field="decided_on",
        list_columns=("enterprise_name", "kind", "title", "decided_on"),
        filters=("kind",),
        search_fields=("enterprise_name", "uscc", "title", "record_no", "grade", "content", "issuer"),
        number_fields=("record_no", "uscc"),
        field_order=(
            "enterprise_name",
            "uscc",
            "kind",
            "title",
            "grade",
            "record_no",
            "content",
            "issuer",
            "decided_on",
            "valid_to",
        ),
        display_until=display_until,
        import_key=("uscc", "kind", "title", "decided_on"),
        enterprises=records.Enterprises(
            code_field="uscc", name_field="enterprise_name", title_fields=("kind", "title"), rank=40
        ),
    ),
)
