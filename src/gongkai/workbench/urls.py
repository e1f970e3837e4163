from django.urls import path

from . import imports, views

app_name = "workbench"

urlpatterns = [
    path("login/", views.login_view, name="login"),
    path("logout/", views.logout_view, name="logout"),
    path("otp/setup/", views.otp_setup, name="otp_setup"),
    path("", views.dashboard, name="dashboard"),
    path("audit/", views.audit_log, name="audit"),
    path("calendar/", views.calendar_view, name="calendar"),
    path("import/", imports.index, name="import"),
    path("import/template/<slug:kind>.csv", imports.template, name="import_template"),
    path("import/<int:pk>/", imports.job, name="import_job"),
    path("import/<int:pk>/progress.json", imports.progress, name="import_progress"),
    path("import/<int:pk>/resume/", imports.resume, name="import_resume"),
]
