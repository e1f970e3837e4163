from django.urls import path

from . import staff_views

app_name = "matters_staff"

urlpatterns = [
    path("cases/", staff_views.cases, name="cases"),
    path("cases/<int:pk>/", staff_views.case, name="case"),
    path("guides/", staff_views.guides, name="guides"),
    path("<int:pk>/forms/", staff_views.upload_form, name="upload_form"),
]
