"""The authorisation matrix, generated from the URL configuration (issue #23's permanent suite).

Every staff URL (/staff/…, /admin/…, /api/v1/staff/…) is asked by every role — anonymous, a signed-in
applicant (citizen), editor, reviewer, head, office, admin — about an object of the asker's own unit and,
where the URL names one, of another unit. The answers must be:

- anonymous and citizen: the staff sign-in page (a redirect to /staff/login/), or 401 from the API;
- a role the rule does not name: 403 or 404;
- another unit's object, to a role allowed only in its own unit: 403 or 404;
- an allowed role: 2xx or 3xx (not the sign-in page).

A staff URL without a rule in RULES fails the suite, naming the URL. Every other URL is public, and
the public channels are proven in `tests/core/test_workflow.py` (nothing unpublished reaches them).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from gongkai.applications.models import ReviewCase
from gongkai.core import services
from tests.conftest import login_verified
from tests.publishing.factories import release

from .authz_objects import MAKERS, UNITLESS, Makers, Named, makers_for

STAFF_PREFIXES = ("staff/", "admin/", "api/v1/staff")
SIGN_IN = ("/staff/login/", "/admin/login/")  # the admin's hands over to the staff's
ROLES = ("anonymous", "citizen", "editor", "reviewer", "head", "office", "admin")
HOW_TO = (
    "Add a rule for each to RULES in tests/core/test_authorisation_matrix.py: the roles that may use it, "
    "the kind of object its URL names (see tests/core/authz_objects.py) and the HTTP method."
)


def walk(patterns: list[Any], prefix: str = "", namespace: str = "") -> dict[str, str]:
    """Return {url name: route} of every URL under PATTERNS."""
    found: dict[str, str] = {}
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            inner = ":".join(filter(None, (namespace, pattern.namespace or "")))
            found |= walk(pattern.url_patterns, route, inner)
        elif isinstance(pattern, URLPattern):
            name = ":".join(filter(None, (namespace, pattern.name or f"<unnamed {route}>")))
            found.setdefault(name, route)
    return found


def staff_urls() -> dict[str, str]:
    return {
        name: route
        for name, route in walk(get_resolver().url_patterns).items()
        if route.startswith(STAFF_PREFIXES)
    }


@dataclass(frozen=True)
class Rule:
    roles: str  # the roles that may use it on their own unit's objects (office and admin: on any unit's)
    kind: str = ""  # the object its URL names (a maker in authz_objects)
    method: str = "get"
    kwargs: dict[str, Any] = field(default_factory=dict)  # fixed URL parts (an action, a year)
    alias: dict[str, str] = field(default_factory=dict)  # URL part -> the maker's name for it
    body: Any = None  # a JSON body (the API), given the named object
    passed: tuple[int, ...] = ()  # answers that still mean "past the gate" (an API's 409 for the wrong state)
    everywhere: str = "office admin"  # the roles also allowed on another unit's object
    signs_out: bool = False  # its answer to everyone is the sign-in page (signing out, or in)


STAFF = "editor reviewer head office admin"
WRITE = "editor office admin"
REVIEW = "reviewer head office admin"
OFFICE = "office admin"
ADMIN = "admin"
YEAR = {"year": 2026}
# One gate (core.user.manage, in gongkai.urls) for every page of the admin site; past it, a page may
# still refuse the admin (axes' logs take no additions) or find no object 1.
ADMIN_SITE = Rule(ADMIN, passed=(403, 404))

RULES: dict[str, Rule] = {
    "workbench:login": Rule("anonymous citizen " + STAFF),
    "workbench:logout": Rule("", method="post", signs_out=True),
    "workbench:otp_setup": Rule(STAFF),
    "workbench:dashboard": Rule(STAFF),
    "workbench:audit": Rule(ADMIN),
    "workbench:calendar": Rule(ADMIN),
    "workbench:import": Rule(WRITE),
    "workbench:import_template": Rule(WRITE, kwargs={"kind": "documents"}),
    "workbench:import_job": Rule("editor office admin", "import_job"),
    "workbench:import_progress": Rule("editor office admin", "import_job"),
    "workbench:import_resume": Rule("editor office admin", "import_job", "post"),
    "publishing_staff:queue": Rule(STAFF),
    "publishing_staff:create": Rule("editor office"),
    "publishing_staff:categories": Rule(OFFICE),
    "publishing_staff:category": Rule(OFFICE, "category"),
    "publishing_staff:detail": Rule(STAFF, "document"),
    "publishing_staff:edit": Rule(WRITE, "document"),
    "publishing_staff:act": Rule(WRITE, "document", "post", {"action": "submit"}),
    "applications_staff:queue": Rule(STAFF),
    "applications_staff:intake": Rule(STAFF),
    "applications_staff:detail": Rule(STAFF, "application"),
    "applications_staff:download": Rule(STAFF, "application", kwargs={"kind": "record", "fmt": "docx"}),
    "applications_staff:act": Rule("head office admin", "application", "post", {"action": "extend"}),
    "reports_staff:annual": Rule(REVIEW, "unit", kwargs=YEAR),
    "reports_staff:timeliness": Rule(OFFICE),
    "reports_staff:summary": Rule(OFFICE, kwargs=YEAR),
    "reports_staff:cell": Rule(REVIEW, "unit", kwargs={**YEAR, "row": "new", "column": "total"}),
    "reports_staff:documents_cell": Rule(REVIEW, "unit", kwargs={**YEAR, "key": "rules", "column": "issued"}),
    "reports_staff:reviews_cell": Rule(
        REVIEW, "unit", kwargs={**YEAR, "kind": ReviewCase.Kind.values[0], "result": "total"}
    ),
    "records_staff:index": Rule(STAFF),
    "records_staff:list": Rule(STAFF, "record_type"),
    "records_staff:create": Rule("editor office", "record_type"),
    "records_staff:bulk": Rule(REVIEW, "record_type", "post"),
    "records_staff:exchange": Rule(REVIEW, "exchange_type"),
    "records_staff:detail": Rule(STAFF, "record"),
    "records_staff:edit": Rule(WRITE, "record"),
    "records_staff:act": Rule(WRITE, "record", "post", {"action": "submit"}),
    "matters_staff:cases": Rule(STAFF),
    "matters_staff:case": Rule(STAFF, "case"),
    "matters_staff:guides": Rule(STAFF),
    "matters_staff:upload_form": Rule(WRITE, "matter", "post"),
    "procurement_staff:list": Rule(STAFF),
    "procurement_staff:create": Rule("editor office"),
    "procurement_staff:detail": Rule(STAFF, "process"),
    "procurement_staff:edit": Rule(WRITE, "process"),
    "procurement_staff:notice_attach": Rule(WRITE, "notice", "post"),
    "procurement_staff:notice_detach": Rule(WRITE, "notice_document", "post"),
    "land_staff:villages": Rule(WRITE, "acquisition", "post"),
    "search_staff:terms": Rule(OFFICE),
    "finance_staff:dashboard": Rule("head office admin"),
    "finance_staff:upload_file": Rule(WRITE, "fiscal_report", "post"),
    "finance_staff:upload_tables": Rule(WRITE, "fiscal_report", "post"),
    "sitecheck_staff:index": Rule(OFFICE),
    "sitecheck_staff:site": Rule(OFFICE, "site"),
    "sitecheck_staff:check": Rule(OFFICE, "site", "post"),
    "sitecheck_staff:findings_csv": Rule(OFFICE, "run"),
    "sitecheck_staff:report_pdf": Rule(OFFICE, "run"),
    "concerns_staff:queue": Rule(STAFF),
    "concerns_staff:hotspots": Rule(OFFICE),
    "concerns_staff:detail": Rule(STAFF, "concern"),
    "concerns_staff:act": Rule(STAFF, "concern", "post", {"action": "answer"}),
    "participation_staff:list": Rule("editor reviewer office admin"),
    "participation_staff:create": Rule("editor reviewer office"),
    "participation_staff:detail": Rule("editor reviewer office admin", "consultation"),
    "participation_staff:act": Rule(
        "editor reviewer office admin", "consultation", "post", {"action": "submit"}
    ),
    "lottery_staff:draw": Rule(WRITE, "lottery", "post"),
    "api:me": Rule(STAFF),
    "api:audit": Rule(ADMIN),
    "api:create_document": Rule(
        WRITE, "unit", "post", body=lambda named: {"unit": named.query["unit"], "title": "关于秋季防火的通知"}
    ),
    "api:document_action": Rule(
        WRITE,
        "document",
        "post",
        {"action": "submit"},
        {"document_id": "pk"},
        body=lambda named: {},
        passed=(409,),
    ),
    "api:privacy_scan": Rule(STAFF, method="post", body=lambda named: {"text": "联系电话13812345678"}),
    "api:staff_case": Rule(STAFF, "application"),
    "api:staff_action": Rule(
        STAFF,
        "application",
        "post",
        {"action": "register"},
        body=lambda named: {"date": "2026-03-03"},
        passed=(409,),
    ),
}
RULES |= {name: ADMIN_SITE for name in staff_urls() if name.startswith("admin:") and name != "admin:login"}
RULES["admin:login"] = Rule("", signs_out=True)  # hands everyone over to the staff sign-in page
# Signing out of the admin site: the anonymous are sent to its front page (and on to sign-in).
RULES["admin:logout"] = Rule("anonymous citizen admin", method="post")


@pytest.fixture
def matrix(county, department, other_department, make_user):
    """A signed-in client per role (the staff in DEPARTMENT), their API tokens, and the makers per unit."""
    users = {
        role: make_user(role, None if role == "admin" else department, f"mx-{role}") for role in ROLES[2:]
    }
    clients: dict[str, Client] = {"anonymous": Client()}
    tokens: dict[str, str] = {}
    for role, user in users.items():
        clients[role] = Client()
        if user.requires_two_factor:
            login_verified(clients[role], user)
        else:
            clients[role].force_login(user)
        tokens[role] = services.token_create(user=user, by=None)
    clients["citizen"] = Client()
    clients["citizen"].post(
        "/ysq/account/", {"email": "li@example.cn", "password": "Long-enough-pass-9", "mode": "signup"}
    )
    units = {"own": department, "other": other_department}

    def makers(where: str) -> Makers:  # only for URLs that name an object
        return makers_for(units[where], users["office"], users["editor"])

    return clients, tokens, makers


def _url(name: str, rule: Rule, named: Named) -> str:
    kwargs = {**named.kwargs, **rule.kwargs}
    for part, source in rule.alias.items():
        kwargs[part] = kwargs.pop(source)
    if name.startswith("admin:"):
        return _admin_url(staff_urls()[name])
    query = "&".join(f"{k}={v}" for k, v in named.query.items())
    return reverse(name, kwargs=kwargs) + (f"?{query}" if query else "")


def _admin_url(route: str) -> str:
    """A path of the admin site, its parts filled (an object that may not exist: the gate comes first)."""
    route = re.sub(r"\^\(\?P<app_label>[^)]*\)/\$", "core/", route)
    return "/" + re.sub(r"<[^>]+>", "1", route.replace("(?P<url>.*)$", "nowhere/"))


def _ask(client: Client, rule: Rule, url: str, named: Named, token: str | None) -> Any:
    """Ask once, inside a savepoint rolled back after, so every role meets the same objects."""
    extra: dict[str, Any] = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}
    with transaction.atomic():
        if rule.body is not None:
            response = client.generic(
                rule.method.upper(), url, data=json.dumps(rule.body(named)),
                content_type="application/json", **extra,
            )  # fmt: skip
        else:
            response = getattr(client, rule.method)(url, **extra)
        if getattr(response, "streaming", False):
            release(response)
        transaction.set_rollback(True)
    return response


def _verdict(response: Any, rule: Rule, api: bool, want: str) -> str:
    status = response.status_code
    if (api and status == 401) or (status == 302 and response["Location"].startswith(SIGN_IN)):
        return "login"
    if status < 400 or (want == "ok" and status in rule.passed):
        return "ok"
    if status in (403, 404):
        return "refused"
    return f"answered {status}"


def _expected(rule: Rule, role: str, where: str) -> str:
    if rule.signs_out:
        return "login"
    allowed = role in rule.roles.split() and (where == "own" or role in rule.everywhere.split())
    if allowed:
        return "ok"
    return "login" if role in ("anonymous", "citizen") else "refused"


@pytest.mark.parametrize("name", sorted(staff_urls()))
def test_every_role_gets_the_answer_its_rule_gives(name, matrix):
    rule = RULES.get(name)
    if rule is None:
        pytest.fail(f"{name} ({staff_urls()[name]}) has no authorisation rule. {HOW_TO}")
    clients, tokens, makers = matrix
    api = name.startswith("api:")
    places = ("own",) if not rule.kind or rule.kind in UNITLESS else ("own", "other")
    wrong = []
    for where in places:
        named = MAKERS[rule.kind](makers(where)) if rule.kind else Named({}, {})
        url = _url(name, rule, named)
        for role in ROLES:
            if where == "other" and role in ("anonymous", "citizen"):
                continue
            token = tokens.get(role) if api else None
            want = _expected(rule, role, where)
            got = _verdict(_ask(clients[role], rule, url, named, token), rule, api, want)
            if got != want:
                wrong.append(
                    f"{role} on {where} unit's object ({rule.method.upper()} {url}): {got}, rule says {want}"
                )
    assert not wrong, f"{name}:\n" + "\n".join(wrong)


def test_every_staff_url_has_a_rule_and_every_rule_a_url():
    urls = staff_urls()
    missing = sorted(set(urls) - set(RULES))
    assert not missing, f"Staff URLs without an authorisation rule: {', '.join(missing)}. {HOW_TO}"
    assert not sorted(set(RULES) - set(urls)), "rules for URLs that no longer exist"


def test_a_new_staff_url_without_a_rule_is_named_by_the_suite(settings):
    settings.ROOT_URLCONF = "tests.core.urls_unruled"
    assert sorted(set(staff_urls()) - set(RULES)) == ["unruled:secret"]
