from django.urls import path

from . import views

app_name = "records"

urlpatterns = [
    path("records/", views.index, name="index"),
    path("records/<slug:slug>/", views.record_list, name="list"),
    path("records/<slug:slug>/export.<str:fmt>", views.export, name="export"),
    path("records/<slug:slug>/<path:index_no>/", views.detail, name="detail"),
]
