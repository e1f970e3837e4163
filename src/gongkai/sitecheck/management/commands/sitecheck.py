import json
import sys
from typing import Any
from urllib.parse import urlsplit

from django.core.management.base import CommandParser
from django.db import DatabaseError

from gongkai.core.management.base import GongkaiCommand, usage_error
from gongkai.sitecheck import indicators as ind
from gongkai.sitecheck import services
from gongkai.sitecheck.inspect_site import Profile, Report


class Command(GongkaiCommand):
    help = (
        "Check one website against the census indicators (LAW.md §6). Exit 0 when it passes, "
        "1 when it fails (a veto indicator, or a score under 60), 2 on bad arguments."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("url", help="the site's homepage, e.g. https://www.example.gov.cn/")
        parser.add_argument("--json", action="store_true", help="print the report as JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        url = options["url"].strip()
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise usage_error(f"URL must be an http:// or https:// address with a host, got {url!r}")
        if not parts.path:
            url += "/"
        portal = False
        try:
            site = services.site_for_url(url)
            if site is not None:
                profile, portal = services.profile_for(site), site.is_portal
                self.stderr.write(f"registered site: {site.name} ({len(profile.columns or [])} columns)")
            else:
                profile = Profile(url, expressions=services.expressions())
        except DatabaseError:  # no database here: the checks that need none still run
            profile = Profile(url)
            self.stderr.write("no database: registered columns and the expressions list are not used")
        report = services.check(profile, portal=portal, progress=self._progress)
        sys.stderr.write("\n")
        if options["json"]:
            self.stdout.write(json.dumps(report.as_dict(), ensure_ascii=False))
        else:
            self.stdout.write(self._text(report))
        if not report.passed:
            raise SystemExit(1)

    def _progress(self, done: int, total: int, message: str) -> None:
        width = 30
        filled = width * done // max(total, 1)
        sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} pages and links")
        sys.stderr.flush()

    def _text(self, report: Report) -> str:
        lines = [
            f"Site: {report.url}",
            f"Result: {'PASSED' if report.passed else 'FAILED'}",
            f"Score: {report.score}/100 (a site fails below {ind.PASS_SCORE} or on any veto indicator)",
        ]
        if report.veto:
            lines.append("Veto indicators failed:")
            lines += [f"  - {ind.INDICATORS[v.indicator].english}: {v.detail}" for v in report.veto]
        lines.append(f"Findings: {len(report.findings)}")
        for f in report.findings:
            cost = "veto" if f.veto else "warning" if ind.INDICATORS[f.indicator].warning else f"-{f.points}"
            lines.append(f"  [{f.indicator}, {cost}] {f.detail}")
            if f.page:
                lines.append(f"      on {f.page}")
        for note in report.notes:
            lines.append(f"Not checked: {note.en}")
        lines.append(f"Requests: {report.requests}; pages read: {report.pages}")
        return "\n".join(lines)
