from django.urls import path

from . import staff_views

app_name = "records_staff"

urlpatterns = [
    path("", staff_views.index, name="index"),
    path("<slug:slug>/", staff_views.record_list, name="list"),
    path("<slug:slug>/new/", staff_views.create, name="create"),
    path("<slug:slug>/bulk/", staff_views.bulk_publish, name="bulk"),
    path("<slug:slug>/exchange.csv", staff_views.exchange_export, name="exchange"),
    path("<slug:slug>/<int:pk>/", staff_views.detail, name="detail"),
    path("<slug:slug>/<int:pk>/edit/", staff_views.edit, name="edit"),
    path("<slug:slug>/<int:pk>/<slug:action>/", staff_views.act, name="act"),
]
