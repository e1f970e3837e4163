import json
import urllib.error
import urllib.parse
import urllib.request
from datetime import UTC, datetime
from typing import Any

from django.core.management.base import CommandParser

from gongkai.core import transparency
from gongkai.core.management.base import GongkaiCommand, usage_error

PUBLIC_URLS = {"document": "/api/v1/documents/{index_no}"}


def fetch_json(url: str) -> tuple[int, Any]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310  --url is checked to be http(s) in handle()
            return response.status, json.load(response)
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read() or b"null")


class Command(GongkaiCommand):
    help = "Verify the publication log: every link of the chain and the content of everything public."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True, metavar="{verify}")
        verify = sub.add_parser("verify", help="exit 0 only when the log is intact")
        verify.add_argument(
            "--url", default="", help="verify a running site (e.g. https://www.example.gov.cn)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        url = options["url"].rstrip("/")
        if url and urllib.parse.urlparse(url).scheme not in ("http", "https"):
            raise usage_error(f"--url must start with http:// or https://, got {url!r}")
        problems, count = self._remote(url) if url else self._local()
        for problem in problems:
            self.stderr.write(str(problem))
        if problems:
            self.stderr.write(f"FAILED: {len(problems)} problem(s) in {count} entries")
            raise SystemExit(1)
        self.stdout.write(f"OK: {count} entries verified")

    def _local(self) -> tuple[list[transparency.Problem], int]:
        from gongkai.core.models import TransparencyEntry

        return transparency.verify_local(), TransparencyEntry.objects.count()

    def _remote(self, base: str) -> tuple[list[transparency.Problem], int]:
        entries: list[dict[str, Any]] = []
        after = 0
        while True:
            status, body = fetch_json(f"{base}/api/v1/transparency/entries?after={after}")
            if status != 200:
                raise usage_error(f"{base} answered {status} for the log entries")
            entries.extend(body["entries"])
            if not body["more"] or not body["entries"]:
                break
            after = body["entries"][-1]["seq"]
        problems, latest = transparency.verify_chain(entries)
        status, head = fetch_json(f"{base}/api/v1/transparency/head")
        if entries and head.get("entry_hash") != entries[-1]["entry_hash"]:
            problems.append(transparency.Problem(None, "", "the head does not point at the last entry"))
        now = datetime.now(UTC).isoformat()
        for index_no, entry in latest.items():
            if entry["action"] in ("withdraw", "expire") or entry["effective_at"] > now:
                continue
            template = PUBLIC_URLS.get(entry["object_type"])
            if template is None:
                continue
            status, body = fetch_json(base + template.format(index_no=urllib.parse.quote(index_no, safe="")))
            if status != 200:
                problems.append(
                    transparency.Problem(
                        entry["seq"], index_no, f"logged as public but the site answers {status}"
                    )
                )
                continue
            content = transparency.canonical_content(
                index_no=body["index_no"], version=body["version"], title=body["title"], doc_number=body["doc_number"],
                body=body["body"], attachments=[a["sha256"] for a in body["attachments"]],
            )  # fmt: skip
            if (
                body["version"] != entry["version"]
                or transparency.content_hash(content) != entry["content_sha256"]
            ):
                problems.append(
                    transparency.Problem(
                        entry["seq"], index_no, "the site shows content that differs from the log"
                    )
                )
        return problems, len(entries)
