"""The county's government websites for the census (seed §一.2: 完成5个政府网站普查).

The portal is checked on the schedule; the four other sites are registered with made-up
addresses under `.example` and are not checked in the demo, which never leaves the machine.
"""

from __future__ import annotations

from django.conf import settings

from gongkai.sitecheck.models import Column, Expression, Site

K = Column.Kind
# The portal's columns: (title, path, kind); the home page's 更多 links lead to them.
PORTAL_COLUMNS = [
    ("政策文件", "/xxgk/catalog/?category=policy", K.POLICY),
    ("通知公告", "/xxgk/catalog/", K.NOTICE),
    ("政策解读", "/xxgk/catalog/?category=interpretation", K.OTHER),
    ("征求意见", "/xxgk/catalog/?category=consultation", K.OTHER),
    ("政府采购", "/zfcg/", K.OTHER),
]
OTHER_SITES = [
    ("岢岚县权力运行公众服务平台", "https://ggfw.kelan.example/"),
    ("岢岚县教育科技局", "https://jkj.kelan.example/"),
    ("岢岚县卫生健康和体育局", "https://wtj.kelan.example/"),
    ("岢岚县人力资源和社会保障局", "https://rsj.kelan.example/"),
]
EXPRESSIONS = [
    ("岢岚县人民政府办公厅", "岢岚县人民政府办公室", "县级政府设办公室，不设办公厅"),
]


def portal_url() -> str:
    return (settings.PUBLIC_URL or "http://127.0.0.1:8000") + "/"


def load_sites(profile: dict[str, str]) -> int:
    created = 0
    if not Site.objects.filter(is_portal=True).exists():
        portal = Site.objects.create(
            name=profile["site_name"],
            base_url=portal_url(),
            site_code=profile["site_code"],
            icp_number=profile["icp_number"],
            police_number=profile["police_number"],
            is_portal=True,
        )
        for title, path, kind in PORTAL_COLUMNS:
            Column.objects.create(site=portal, title=title, url=path, kind=kind)
        created += 1
    for order, (name, url) in enumerate(OTHER_SITES, start=1):
        _site, made = Site.objects.get_or_create(
            base_url=url, defaults={"name": name, "scheduled": False, "sort_order": order}
        )
        created += made
    for text, correct, note in EXPRESSIONS:
        Expression.objects.get_or_create(text=text, defaults={"correct": correct, "note": note})
    return created
