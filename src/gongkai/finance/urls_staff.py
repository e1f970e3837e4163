from django.urls import path

from . import staff_views

app_name = "finance_staff"

urlpatterns = [
    path("", staff_views.dashboard, name="dashboard"),
    path("reports/<int:pk>/file/", staff_views.upload_file, name="upload_file"),
    path("reports/<int:pk>/tables/", staff_views.upload_tables, name="upload_tables"),
]
