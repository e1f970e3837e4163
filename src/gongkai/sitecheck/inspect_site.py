"""One census check of a site: crawl it, then map what was seen to the indicators and score it."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from urllib.parse import urlsplit

import httpx

from . import indicators as ind
from .crawler import Crawler, Page, normalize
from .pages import CONSULT, CONTACT, ICP, POLICE, SITE_CODE, Parsed, conac_mark, parse

Progress = Callable[[int, int, str], None]
COLUMN_WORDS = (
    ("news", ("动态", "要闻", "新闻")),
    ("notice", ("通知公告", "公告", "通知")),
    ("policy", ("政策文件", "文件")),
)


@dataclass(frozen=True)
class ColumnSpec:
    title: str
    url: str
    kind: str  # news, notice, policy, other
    stale_days: int | None = None

    def limit(self) -> int | None:
        return self.stale_days or ind.column_limit(self.kind)


@dataclass(frozen=True)
class Expr:
    text: str
    correct: str = ""


@dataclass
class Profile:
    """What the check needs to know of a site beyond its URL (a registered Site gives it)."""

    base_url: str
    hosts: set[str] = field(default_factory=set)
    columns: list[ColumnSpec] | None = None  # None: found from the homepage's links
    check_external: bool = True
    expressions: list[Expr] = field(default_factory=list)


@dataclass
class Found:
    indicator: str
    detail: str
    page: str = ""
    veto: bool = False
    points: int = 0


@dataclass(frozen=True)
class Note:
    """Something the run did not check: in English for the CLI, in Chinese for the office."""

    en: str
    zh: str


@dataclass
class Report:
    url: str
    findings: list[Found] = field(default_factory=list)
    veto: list[Found] = field(default_factory=list)
    score: int = 100
    requests: int = 0
    pages: int = 0
    homepage_ok: bool = False
    homepage_ms: int | None = None
    homepage_newest: date | None = None
    notes: list[Note] = field(default_factory=list)  # what was not checked and why
    read: list[str] = field(default_factory=list)  # the pages read, the homepage first (not in the JSON)

    @property
    def passed(self) -> bool:
        return not self.veto and self.score >= ind.PASS_SCORE

    def as_dict(self) -> dict[str, object]:
        """The CONTRACT shape of `gongkai sitecheck URL --json`."""
        return {
            "url": self.url,
            "passed": self.passed,
            "veto": [{"indicator": v.indicator, "detail": v.detail} for v in self.veto],
            "findings": [
                {"indicator": f.indicator, "detail": f.detail, "page": f.page} for f in self.findings
            ],
            "score": self.score,
        }


@dataclass
class Settings:
    budget: int = 300
    delay: float = 0.5
    concurrency: int = 2
    timeout: float = ind.TIMEOUT_SECONDS
    max_pages: int = 40
    max_external: int = 30
    loopback_only: bool = False


def guess_columns(homepage: Parsed, hosts: set[str]) -> list[ColumnSpec]:
    """Columns named on the homepage (更多 links and links titled like a census column)."""
    found: dict[str, ColumnSpec] = {}
    for url, text in homepage.links:
        if urlsplit(url).netloc.lower() not in hosts or url in found:
            continue
        for kind, words in COLUMN_WORDS:
            if any(w in text for w in words) and len(text) <= 12:
                found[url] = ColumnSpec(text.removeprefix("更多"), url, kind)
                break
    return list(found.values())


async def inspect(
    profile: Profile,
    *,
    today: date,
    config: Settings,
    progress: Progress | None = None,
    transport: httpx.AsyncBaseTransport | None = None,
    on_request: Callable[[str], None] | None = None,
) -> Report:
    """Check the site of PROFILE as it answers now; TODAY dates the freshness checks."""
    base = profile.base_url
    hosts = {h.lower() for h in profile.hosts} | {urlsplit(base).netloc.lower()}
    report = Report(base)
    tell = progress or (lambda done, total, message: None)
    crawler = Crawler(
        hosts=hosts,
        budget=config.budget,
        delay=config.delay,
        concurrency=config.concurrency,
        timeout=config.timeout,
        loopback_only=config.loopback_only,
        transport=transport,
        on_request=on_request,
    )
    async with crawler:
        tell(0, 1, f"fetching {base}")
        home = await crawler.fetch(base)
        report.homepage_ms = home.elapsed_ms
        if home.skipped == "loopback":
            report.notes.append(
                Note(
                    f"{base} is off the loopback address and this installation only checks loopback",
                    "本安装只检查本机地址（GONGKAI_SITECHECK_LOOPBACK_ONLY），未访问该网站",
                )
            )
        if not home.ok or not home.html:
            reason = home.error or (f"status {home.status}" if home.status else home.skipped or "no page")
            report.veto.append(Found("availability", f"首页无法访问（{reason}）", base, veto=True))
            report.findings.append(Found("availability", f"首页无法访问（{reason}）", base, veto=True))
            report.requests = crawler.requests
            score(report)
            return report
        report.homepage_ok = True
        if home.elapsed_ms and home.elapsed_ms > config.timeout * 1000:
            report.findings.append(Found("availability", f"首页响应超过{config.timeout:g}秒", base))
        parsed: dict[str, Parsed] = {base: parse(home.html, base)}
        columns = profile.columns if profile.columns is not None else guess_columns(parsed[base], hosts)
        columns = [ColumnSpec(c.title, normalize(c.url, base), c.kind, c.stale_days) for c in columns]
        to_fetch = [c.url for c in columns if c.url]
        for url, _text in parsed[base].links:
            if crawler.internal(url) and url not in to_fetch and url != base:
                to_fetch.append(url)
        to_fetch = to_fetch[: config.max_pages]
        statuses: dict[str, Page] = {base: home}
        total = 1 + len(to_fetch)
        done = 1
        tell(done, total, f"fetched {base}")
        pages = await _gather([crawler.fetch(u) for u in to_fetch])
        for url, page in zip(to_fetch, pages, strict=True):
            statuses[url] = page
            if page.ok and page.html:
                parsed[url] = parse(page.html, url)
            done += 1
            tell(done, total, f"fetched {url}")
        links: dict[str, str] = {}  # link → the first page it was seen on
        for page_url, content in parsed.items():
            for url, _text in content.links:
                links.setdefault(url, page_url)
        internal = [u for u in links if crawler.internal(u) and u not in statuses]
        external = [u for u in links if not crawler.internal(u)] if profile.check_external else []
        if len(external) > config.max_external:
            left = len(external) - config.max_external
            report.notes.append(
                Note(
                    f"{left} external links not checked (limit {config.max_external})",
                    f"{left}个外部链接未检查（每次最多{config.max_external}个）",
                )
            )
            external = external[: config.max_external]
        total += len(internal) + len(external)
        probes = [*internal, *external]

        def tell_next() -> None:
            nonlocal done
            done += 1
            tell(done, total, "checking links")

        results = await _gather([crawler.probe(u) for u in probes], tell_next)
        for url, page in zip(probes, results, strict=True):
            statuses[url] = page
        report.requests = crawler.requests
    report.pages = len(parsed)
    report.read = list(parsed)
    budget = sum(1 for p in statuses.values() if p.skipped == "budget")
    if budget:
        report.notes.append(
            Note(
                f"{budget} links not checked (request budget of {config.budget} per host spent)",
                f"{budget}个链接未检查（每个域名每次最多{config.budget}个请求）",
            )
        )
    off = sum(1 for p in statuses.values() if p.skipped == "loopback")
    if off:
        report.notes.append(
            Note(
                f"{off} links off the loopback address not checked",
                f"{off}个非本机链接未检查（仅检查本机地址）",
            )
        )
    _check_links(report, links, statuses, base)
    _check_homepage(report, parsed[base], base, today)
    _check_columns(report, columns, parsed, statuses, today)
    _check_footer(report, parsed[base], base)
    _check_content(report, parsed, profile.expressions, today)
    score(report)
    return report


async def _gather(jobs: list, each: Callable[[], None] | None = None) -> list[Page]:
    async def run(job: object) -> Page:
        page = await job  # type: ignore[misc]
        if each:
            each()
        return page

    return list(await asyncio.gather(*(run(j) for j in jobs)))


def _check_links(report: Report, links: dict[str, str], statuses: dict[str, Page], base: str) -> None:
    for url, page_url in links.items():
        page = statuses.get(url)
        if page is None or page.skipped or page.ok:
            continue
        why = page.error or f"HTTP {page.status}"
        where = "首页" if page_url == base else "页面"
        report.findings.append(Found("broken_link", f"{where}链接无法访问：{url}（{why}）", page_url))


def _check_homepage(report: Report, home: Parsed, base: str, today: date) -> None:
    newest = report.homepage_newest = home.newest(today)
    undated = [i for i in home.items if i.day is None]
    if undated:
        titles = "、".join(i.title for i in undated[:3])
        report.findings.append(
            Found(
                "publication_date", f"首页有{len(undated)}条信息未标注发布日期（按未更新计）：{titles}", base
            )
        )
    if newest is None:
        detail = "首页没有标注日期的信息，按未更新计"
    elif (today - newest).days > ind.HOMEPAGE_STALE_DAYS:
        detail = f"首页最新信息日期为{newest:%Y-%m-%d}，已{(today - newest).days}天未更新"
    else:
        return
    report.findings.append(Found("homepage_update", detail, base, veto=True))
    report.veto.append(Found("homepage_update", detail, base, veto=True))


def _check_columns(
    report: Report,
    columns: list[ColumnSpec],
    parsed: dict[str, Parsed],
    statuses: dict[str, Page],
    today: date,
) -> None:
    stale = long_stale = empty = 0
    for column in columns:
        content = parsed.get(column.url)
        if content is None:
            page = statuses.get(column.url)
            if page is not None and page.skipped == "robots":
                report.notes.append(
                    Note(
                        f"column {column.url} is closed to crawlers by robots.txt",
                        f"栏目{column.url}被robots.txt禁止抓取",
                    )
                )
            continue  # an unreachable column is a broken link, reported there
        if not content.items and not content.loose:
            empty += 1
            report.findings.append(Found("column_update", f"栏目“{column.title}”为空栏目", column.url))
            continue
        limit = column.limit()
        newest = content.newest(today)
        undated = [i for i in content.items if i.day is None]
        if undated or (content.loose and not content.items):
            count = len(undated) or content.loose
            report.findings.append(
                Found(
                    "publication_date",
                    f"栏目“{column.title}”有{count}条信息未标注发布日期（按未更新计）",
                    column.url,
                )
            )
        if limit is None:
            continue
        if newest is None or (today - newest).days > limit:
            when = f"最新信息日期为{newest:%Y-%m-%d}" if newest else "没有标注日期的信息"
            report.findings.append(
                Found("column_update", f"栏目“{column.title}”{when}，超过{limit}天未更新", column.url)
            )
            if column.kind in ("news", "notice", "policy"):
                stale += 1
            long_stale += 1
    reasons = []
    if stale >= ind.STALE_COLUMNS_VETO:
        reasons.append(f"{stale}个动态要闻或通知公告、政策文件栏目未按期更新")
    if long_stale >= ind.LONG_STALE_COLUMNS_VETO:
        reasons.append(f"{long_stale}个栏目长期未更新")
    if empty >= ind.EMPTY_COLUMNS_VETO:
        reasons.append(f"{empty}个空栏目")
    if reasons:
        report.veto.append(Found("column_update", "；".join(reasons), veto=True))


def _check_footer(report: Report, home: Parsed, base: str) -> None:
    text = home.footer
    required = [
        ("网站标识码", bool(SITE_CODE.search(text))),
        ("ICP备案号", bool(ICP.search(text))),
        ("公安机关备案号", bool(POLICE.search(text))),
        ("党政机关网站标识", conac_mark(home)),
        ("主办单位", "主办单位" in text),
        ("联系方式", bool(CONTACT.search(text))),
    ]
    for label, present in required:
        if not present:
            report.findings.append(Found("basic_info", f"首页底部缺少{label}", base))
    if not home.has_search:
        report.findings.append(Found("search", "首页没有站内搜索", base))
    if not any(CONSULT.search(text) for _url, text in home.links):
        report.findings.append(Found("consultation", "首页没有咨询、留言等互动交流入口", base))


def _check_content(report: Report, parsed: dict[str, Parsed], expressions: list[Expr], today: date) -> None:
    for url, content in parsed.items():
        for item in content.items:
            if item.day and item.day > today + timedelta(days=1):
                detail = f"“{item.title}”的发布日期{item.day:%Y-%m-%d}晚于检查日期（第{item.line}行）"
                report.findings.append(Found("serious_error", detail, url, veto=True))
        for line, text in content.texts:
            for expr in expressions:
                cleaned = text.replace(expr.correct, "\0") if expr.correct else text
                if expr.text in cleaned:
                    detail = (
                        f"第{line}行有错误表述“{expr.text}”，应为“{expr.correct}”"
                        if expr.correct
                        else f"第{line}行有禁用表述“{expr.text}”"
                    )
                    report.findings.append(Found("serious_error", detail, url, veto=True))
    serious = [f for f in report.findings if f.indicator == "serious_error"]
    if serious:
        report.veto.append(
            Found("serious_error", f"发现{len(serious)}处严重错误：{serious[0].detail}", veto=True)
        )


def score(report: Report) -> None:
    """Take the configured points off 100 for each deduction finding, up to each indicator's cap."""
    table = ind.points()
    taken: dict[str, int] = {}
    for finding in report.findings:
        if finding.veto or finding.indicator not in table:
            continue
        each, cap = table[finding.indicator]
        finding.points = max(0, min(each, cap - taken.get(finding.indicator, 0)))
        taken[finding.indicator] = taken.get(finding.indicator, 0) + finding.points
    report.score = max(0, 100 - sum(taken.values()))
