from django.contrib.sitemaps import views as sitemap_views
from django.urls import path

from . import registry, views

app_name = "portal"


def sitemap_index(request):  # type: ignore[no-untyped-def]
    return sitemap_views.index(
        request, sitemaps=registry.sitemaps(), sitemap_url_name="portal:sitemap_section"
    )


def sitemap_section(request, section):  # type: ignore[no-untyped-def]
    return sitemap_views.sitemap(request, sitemaps=registry.sitemaps(), section=section)


urlpatterns = [
    path("", views.home, name="home"),
    path("xxgk/", views.disclosure, name="disclosure"),
    path("xxgk/units/", views.units, name="units"),
    path("xxgk/units/<str:code>/", views.unit, name="unit"),
    path("xxgk/units/<str:code>/guide/", views.guide, name="guide"),
    path("tools/workdays/", views.workdays, name="workdays"),
    path("mode/", views.display_mode, name="display_mode"),
    path("feeds/", views.feeds_index, name="feeds"),
    path("wzdt/", views.site_map, name="site_map"),
    path("feeds/<slug:slug>/", views.feed, name="feed"),
    path("sitemap.xml", sitemap_index, name="sitemap"),
    path("sitemap-<str:section>.xml", sitemap_section, name="sitemap_section"),
    path("robots.txt", views.robots, name="robots"),
]
