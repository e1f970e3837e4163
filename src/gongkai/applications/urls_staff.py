from django.urls import path

from . import staff_views

app_name = "applications_staff"

urlpatterns = [
    path("", staff_views.queue, name="queue"),
    path("intake/", staff_views.intake, name="intake"),
    path("<str:tracking_no>/", staff_views.detail, name="detail"),
    path("<str:tracking_no>/files/<slug:kind>.<slug:fmt>", staff_views.download, name="download"),
    path("<str:tracking_no>/<slug:action>/", staff_views.act, name="act"),
]
