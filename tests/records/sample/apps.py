"""A record type defined only in the tests: the whole of what a new type needs is below and in models.py."""

from datetime import timedelta

from django.apps import AppConfig


class SampleConfig(AppConfig):
    name = "tests.records.sample"
    label = "sample"

    def ready(self) -> None:
        from gongkai import records

        from .models import Permit

        records.register(
            Permit,
            records.RecordType(
                slug="permits",
                name="占道许可",
                title_field="holder",
                date_field="issued_on",
                list_columns=("holder", "permit_no", "kind", "issued_on"),
                filters=("kind",),
                search_fields=("holder", "permit_no"),
                number_fields=("permit_no",),
                private_fields=("holder_phone",),
                masks={"holder": lambda r: r.holder[0] + "某" if r.is_person else r.holder},
                deadline_days=5,
                display_until=lambda r: r.issued_on + timedelta(days=r.days_shown) if r.days_shown else None,
                import_key=("permit_no",),
                exchange=(("ZD_MC", "holder"), ("ZD_BH", "permit_no"), ("ZD_DH", "holder_phone")),
            ),
        )
