from django.urls import path

from . import views

app_name = "indicators"
urlpatterns = [path("xxgk/indicators/", views.dashboard, name="dashboard")]
