from django.urls import path

from . import staff_views

app_name = "land_staff"

urlpatterns = [
    path("acquisitions/<int:pk>/villages/", staff_views.acquisition_villages, name="villages"),
]
