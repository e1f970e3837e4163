from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("xxgk/report/", views.reports, name="list"),
    path("xxgk/report/<int:year>/", views.annual, name="annual"),
    path("xxgk/stats/", views.statistics, name="statistics"),
]
