"""The page cache (decision 0030): anonymous public pages served without a query, gone the moment the
public may see something else, by a change or by time alone."""

from datetime import timedelta
from unittest import mock

import pytest
from django.core.cache import caches
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from gongkai.core import pagecache, tasks
from gongkai.core.models import User
from gongkai.publishing import services as documents
from gongkai.records import registry
from tests.conftest import login_verified
from tests.publishing.factories import approved
from tests.records.conftest import permit_data, publish_record

pytestmark = pytest.mark.django_db
TITLE = "关于页面缓存测试的唯一通知甲乙"


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 600
    caches["pages"].clear()
    caches["shared"].clear()
    pagecache._moments.known = None


@pytest.fixture
def editor(make_user, department):
    return make_user(User.Role.EDITOR, department, "cache-editor")


@pytest.fixture
def reviewer(make_user, department):
    return make_user(User.Role.REVIEWER, department, "cache-reviewer")


@pytest.fixture
def permits():
    return registry.get("permits")  # a record type that exists only in the tests


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run what follows as a committed transaction would: its after-commit work runs."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def served(client, path, **kwargs):
    """GET PATH twice; return the second answer and the queries it took."""
    first = client.get(path, **kwargs)
    with CaptureQueriesContext(connection) as queries:
        second = client.get(path, **kwargs)
    assert second.content == first.content, path
    return second, len(queries)


CHANNELS = ("/", "/xxgk/catalog/", "/feeds/documents/", "/sitemap-documents.xml")


def shows(client, document) -> dict[str, bool]:
    texts = {path: client.get(path).text for path in CHANNELS}
    found = {path: TITLE in text or document.index_no in text for path, text in texts.items()}
    found["page"] = client.get(document.get_absolute_url()).status_code == 200
    return found


def test_a_second_anonymous_get_is_answered_from_the_cache_without_a_query(
    client, editor, reviewer, committed
):
    with committed():
        document = documents.document_publish(document=approved(editor, reviewer, title=TITLE), by=reviewer)
    for path in (*CHANNELS, document.get_absolute_url(), "/xxgk/units/"):
        second, queries = served(client, path)
        assert second.status_code == 200 and second["X-Page-Cache"] == "hit", path
        assert queries == 0, path
    home = client.get("/")
    assert home["X-Page-Cache"] == "hit" and home["ETag"]
    assert client.get("/", headers={"if-none-match": home["ETag"]}).status_code == 304


def test_publication_shows_and_withdrawal_is_gone_at_once_on_every_page(client, editor, reviewer, committed):
    document = approved(editor, reviewer, title=TITLE)
    assert not any(shows(client, document).values())
    assert not any(shows(client, document).values())  # now from the cache
    with committed():
        documents.document_publish(document=document, by=reviewer)
    assert all(shows(client, document).values())
    assert all(shows(client, document).values())
    with committed():
        documents.document_withdraw(document=document, by=reviewer, reason="内容有误，撤回更正")
    assert not any(shows(client, document).values())


def test_the_elder_variant_is_kept_apart(client, county):
    plain = client.get("/xxgk/")
    elder = Client(headers={"cookie": "gk_elder=1"})
    assert b'class="elder"' in elder.get("/xxgk/").content
    assert b'class="elder"' in elder.get("/xxgk/").content  # its own cached copy
    assert b'class="elder"' not in client.get("/xxgk/").content and plain.status_code == 200


def test_signed_in_staff_neither_get_nor_fill_cached_pages(client, county, make_user):
    anonymous = Client()
    login_verified(client, make_user(User.Role.EDITOR, county, "cache-staff"))
    staff_first = client.get("/xxgk/")
    staff = client.get("/xxgk/")
    assert "X-Page-Cache" not in staff_first and "X-Page-Cache" not in staff
    assert "no-store" in staff["Cache-Control"]
    with CaptureQueriesContext(connection) as queries:
        first = anonymous.get("/xxgk/")
    assert first["X-Page-Cache"] == "miss" and len(queries) > 0  # the staff's visits stored nothing
    assert anonymous.get("/xxgk/")["X-Page-Cache"] == "hit"
    assert "X-Page-Cache" not in client.get("/xxgk/")  # and a stored page is not served to them


def test_a_never_cache_form_page_is_never_stored(client, county):
    for _ in range(2):
        page = client.get("/ysq/apply/")
        assert page.status_code == 200 and "X-Page-Cache" not in page
        assert "no-store" in page["Cache-Control"]


def test_a_change_outside_the_workflow_is_seen_at_once(client, county, committed):
    assert "页面缓存测试县政府" not in served(client, "/")[0].text
    with committed():
        call_command("site", "set", "--site-name", "页面缓存测试县政府", stdout=mock.Mock())
    assert "页面缓存测试县政府" in client.get("/").text


def test_reading_public_pages_writes_nothing_that_ends_the_generation(client, county, committed):
    before = pagecache.generation()
    with committed():
        for path in ("/", "/xxgk/", "/xxgk/catalog/", "/search/?q=预算", "/feeds/documents/", "/sitemap.xml"):
            assert client.get(path).status_code == 200, path
    assert pagecache.generation() == before


def test_a_scheduled_publication_shows_at_its_time_with_no_stale_page(
    client, permits, department, editor, reviewer, committed, settings
):
    settings.PAGE_CACHE_SECONDS = 3 * 86400  # the moment, not the longest keeping, must end the page
    at = timezone.now() + timedelta(minutes=5)
    with committed():
        record = publish_record(permits, department, editor, reviewer, permit_data(), at=at)
    assert "ZD-2026-001" not in client.get("/records/permits/").text
    assert client.get("/records/permits/")["X-Page-Cache"] == "hit"
    with mock.patch("django.utils.timezone.now", return_value=at - timedelta(seconds=1)):
        assert client.get("/records/permits/")["X-Page-Cache"] == "hit"  # kept until the moment
    with mock.patch("django.utils.timezone.now", return_value=at + timedelta(seconds=1)):
        assert "ZD-2026-001" in client.get("/records/permits/").text  # not the stored page
        assert client.get(record.get_absolute_url()).status_code == 200


def test_a_display_period_ends_with_no_stale_page(
    client, permits, department, editor, reviewer, committed, settings
):
    settings.PAGE_CACHE_SECONDS = 3 * 86400
    issued = timezone.localdate() - timedelta(days=9)
    with committed():
        record = publish_record(
            permits, department, editor, reviewer, permit_data(issued_on=issued, days_shown=10)
        )
    assert "ZD-2026-001" in served(client, "/records/permits/")[0].text
    assert client.get(record.get_absolute_url()).status_code == 200
    with mock.patch("django.utils.timezone.now", return_value=record.publish_until + timedelta(seconds=1)):
        assert "ZD-2026-001" not in client.get("/records/permits/").text
        assert client.get(record.get_absolute_url()).status_code == 410  # gone, not the stored page


def test_the_worker_starts_a_new_generation_when_a_publish_time_passes(
    permits, department, editor, reviewer, committed
):
    at = timezone.now() + timedelta(minutes=5)
    with committed():
        publish_record(permits, department, editor, reviewer, permit_data(), at=at)
    with mock.patch("django.utils.timezone.now", return_value=at - timedelta(minutes=1)):
        first = pagecache.generation()
        assert tasks.page_cache_moments.call_local() is False
    assert pagecache.generation() == first
    with mock.patch("django.utils.timezone.now", return_value=at + timedelta(seconds=30)):
        assert tasks.page_cache_moments.call_local() is True
    assert pagecache.generation() != first


def test_a_stored_page_is_fresh_for_the_front_only_to_the_end_of_the_current_second(client, county):
    stored = client.get("/xxgk/")
    later = int(stored["X-Accel-Expires"][1:]) + 5
    with mock.patch("time.time", return_value=float(later)):
        hit = client.get("/xxgk/")
    assert hit["X-Page-Cache"] == "hit" and hit["X-Accel-Expires"] == f"@{later}"
