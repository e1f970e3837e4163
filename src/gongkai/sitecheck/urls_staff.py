from django.urls import path

from . import views

app_name = "sitecheck_staff"

urlpatterns = [
    path("", views.index, name="index"),
    path("<int:pk>/", views.site, name="site"),
    path("<int:pk>/check/", views.check_now, name="check"),
    path("runs/<int:pk>/findings.csv", views.findings_csv, name="findings_csv"),
    path("runs/<int:pk>/report.pdf", views.report_pdf, name="report_pdf"),
]
