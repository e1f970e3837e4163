from django.urls import path

from . import staff_views

app_name = "search_staff"

urlpatterns = [path("terms/", staff_views.terms, name="terms")]
