"""Small generated government websites served on 127.0.0.1: one clean, one with planted problems."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

FORBIDDEN = "某某禁用语"
FORBIDDEN_LINE = 8  # the line of news/a1.html that carries it in the planted site
AXE_RULE = "image-alt"  # the accessibility problem planted on news/index.html (an image without alt)


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def serve(root: Path) -> Iterator[str]:
    """Serve ROOT on a free port of 127.0.0.1; yield its base URL."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(QuietHandler, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def page(title: str, body: str, *, footer: str = "", search: bool = True) -> str:
    form = '<form action="/search/" role="search"><input type="search" name="q" aria-label="搜索"><button>搜索</button></form>'
    return f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>{title}</title></head>
<body>
<header><nav><a href="/">首页</a> <a href="/news/">要闻动态</a> <a href="/dept/">部门动态</a> <a href="/notices/">通知公告</a> <a href="/policy/">政策文件</a></nav>{form if search else ""}</header>
<main>
{body}
</main>
<footer>{footer}</footer>
</body></html>
"""


def items(entries: list[tuple[str, str, date | None]]) -> str:
    rows = [
        f'<li><a href="{href}">{title}</a>{f" <span>{day:%Y-%m-%d}</span>" if day else ""}</li>'
        for href, title, day in entries
    ]
    return "<ul>" + "".join(rows) + "</ul>"


FULL_FOOTER = (
    '<p>主办单位：测试县人民政府办公室　联系方式：0350-1234567　<a href="/consult/">咨询留言</a></p>'
    "<p>网站标识码：1409290001　晋ICP备05001234号　晋公网安备 14092902000001号</p>"
    '<p><a href="/conac/"><img src="/red.png" alt="党政机关网站标识"></a></p>'
)


def build(root: Path, *, today: date, planted: bool, external: str) -> None:
    """Write a site to ROOT. PLANTED adds exactly the problems the tests expect to be found."""
    recent = today - timedelta(days=3)

    def write(path: str, text: str) -> None:
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")

    footer = FULL_FOOTER.replace("　晋ICP备05001234号", "") if planted else FULL_FOOTER
    home_items = [
        ("/news/a1.html", "县政府召开常务会议", recent),
        ("/news/a2.html", "春耕备耕工作部署", recent),
    ]
    if planted:  # undated items on the homepage
        home_items += [("/news/a3.html", "无日期的信息一", None), ("/news/a4.html", "无日期的信息二", None)]
    links = [f'<a href="{external}ok.html">国务院</a>', '<a href="/private/x.html">内部</a>']
    if planted:
        links += [
            '<a href="/news/missing.html">失效的内部链接</a>',
            f'<a href="{external}gone.html">失效的外部链接</a>',
        ]
    write(
        "index.html",
        page(
            "测试县人民政府", "<h1>测试县人民政府</h1>" + items(home_items) + " ".join(links), footer=footer
        ),
    )
    write("robots.txt", "User-agent: *\nDisallow: /private/\n")
    news = [
        ("/news/a1.html", "县政府召开常务会议", recent),
        ("/news/a2.html", "春耕备耕工作部署", recent - timedelta(days=1)),
    ]
    photo = '<p><img src="/red.png"></p>' if planted else '<p><img src="/red.png" alt="会议现场"></p>'
    write("news/index.html", page("要闻动态", photo + items(news), footer=footer))
    for n in range(1, 5):
        body = (
            f"<h1>信息{n}</h1>\n<p>正文。</p>\n<p>{FORBIDDEN if planted and n == 1 else '普通的正文段落'}</p>"
        )
        write(f"news/a{n}.html", page(f"信息{n}", body, footer=footer))
    dept_day = today - timedelta(days=40) if planted else recent  # a stale news column
    write(
        "dept/index.html",
        page("部门动态", items([("/news/a2.html", "部门工作动态", dept_day)]), footer=footer),
    )
    notices = [] if planted else [("/news/a1.html", "关于开展普查的通知", today - timedelta(days=30))]
    write(
        "notices/index.html",
        page("通知公告", items(notices) if notices else "<p>暂无信息</p>", footer=footer),
    )
    policies = [("/news/a2.html", "关于印发办法的通知", today - timedelta(days=60))]
    if planted:  # a forged date: published in the future
        policies.insert(0, ("/news/a1.html", "关于印发规定的通知", today + timedelta(days=30)))
    write("policy/index.html", page("政策文件", items(policies), footer=footer))
    write("consult/index.html", page("咨询留言", "<p>请留言。</p>", footer=footer))
    write("conac/index.html", page("党政机关网站标识", "<p>标识信息。</p>", footer=footer))
    write("search/index.html", page("搜索", "<p>搜索结果。</p>", footer=footer))
    (root / "red.png").write_bytes(b"\x89PNG\r\n")


def build_external(root: Path) -> None:
    """The stand-in for sites elsewhere: one page that answers; every other path is 404."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "ok.html").write_text("<p>ok</p>", encoding="utf-8")
