from django.urls import path

from . import views

app_name = "finance"

urlpatterns = [
    path("finance/", views.index, name="index"),
    path("finance/sangong/", views.county_sangong, name="sangong"),
    path("finance/sangong/<str:code>/", views.unit_sangong, name="unit_sangong"),
    path("finance/fees/", views.fees, name="fees"),
    path("finance/reports/<path:index_no>/file", views.report_file, name="report_file"),
]
