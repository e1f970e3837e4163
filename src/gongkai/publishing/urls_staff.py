from django.urls import path

from . import staff_views

app_name = "publishing_staff"

urlpatterns = [
    path("", staff_views.queue, name="queue"),
    path("new/", staff_views.create, name="create"),
    path("categories/", staff_views.categories, name="categories"),
    path("categories/<int:pk>/", staff_views.categories, name="category"),
    path("<int:pk>/", staff_views.detail, name="detail"),
    path("<int:pk>/edit/", staff_views.edit, name="edit"),
    path("<int:pk>/<slug:action>/", staff_views.act, name="act"),
]
