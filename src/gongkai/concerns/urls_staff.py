from django.urls import path

from . import staff_views

app_name = "concerns_staff"

urlpatterns = [
    path("", staff_views.queue, name="queue"),
    path("hotspots/", staff_views.hotspots_view, name="hotspots"),
    path("<str:tracking_no>/", staff_views.detail, name="detail"),
    path("<str:tracking_no>/<str:action>/", staff_views.act, name="act"),
]
