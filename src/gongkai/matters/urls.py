from django.urls import path

from . import views

app_name = "matters"

urlpatterns = [
    path("matters/cases/", views.case_lookup, name="case_lookup"),
    path("matters/forms/<int:pk>/<str:name>", views.form_file, name="form"),
]
