from django.urls import path

from . import views

app_name = "concerns"

urlpatterns = [
    path("hudong/liuyan/", views.ask, name="ask"),
    path("hudong/liuyan/submitted/", views.submitted, name="submitted"),
    path("hudong/liuyan/track/", views.track, name="track"),
]
