from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import CommandParser
from django.utils import translation

from gongkai.core import services
from gongkai.core.management.base import GongkaiCommand, usage_error
from gongkai.core.models import SiteProfile
from gongkai.core.queries import site_profile

FIELDS = [f for f in SiteProfile._meta.concrete_fields if not f.primary_key]


class Command(GongkaiCommand):
    help = "Show or set the site profile: the portal's name, 网站标识码, ICP and 公安 filings, remedy bodies."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True, metavar="{show,set}")
        sub.add_parser("show", help="print the site profile, one field per line")
        change = sub.add_parser("set", help="change the fields given; the others keep their values")
        for field in FIELDS:
            change.add_argument(
                f"--{field.name.replace('_', '-')}", dest=field.name, help=str(field.verbose_name)
            )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "set":
            given = {f.name: options[f.name].strip() for f in FIELDS if options.get(f.name) is not None}
            if not given:
                raise usage_error("nothing to set; give at least one field, e.g. --site-name")
            if site_profile() is None and not given.get("site_name"):
                raise usage_error("--site-name is required the first time")
            with translation.override("en"):  # the CLI speaks English
                try:
                    services.site_profile_save(by=None, **given)
                except ValidationError as exc:
                    name, messages = next(iter(exc.message_dict.items()))
                    raise usage_error(f"--{name.replace('_', '-')}: {' '.join(messages)}") from None
        profile = site_profile()
        if profile is None:
            self.stdout.write("no site profile yet; set one with `gongkai site set --site-name NAME ...`")
            return
        for field in FIELDS:
            self.stdout.write(f"{field.name.replace('_', '-')}: {getattr(profile, field.name)}")
