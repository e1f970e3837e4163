from django.urls import path

from . import views

app_name = "applications"

urlpatterns = [
    path("ysq/apply/", views.apply, name="apply"),
    path("ysq/submitted/", views.submitted, name="submitted"),
    path("ysq/track/", views.track, name="track"),
]
