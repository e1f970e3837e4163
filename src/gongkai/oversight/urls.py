from django.urls import path

from . import views

app_name = "oversight"

urlpatterns = [
    path("oversight/", views.index, name="index"),
    path("oversight/air/", views.air, name="air"),
]
