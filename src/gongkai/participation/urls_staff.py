from django.urls import path

from . import staff_views

app_name = "participation_staff"

urlpatterns = [
    path("", staff_views.consultation_list, name="list"),
    path("new/", staff_views.consultation_create, name="create"),
    path("<int:pk>/", staff_views.consultation_detail, name="detail"),
    path("<int:pk>/<str:action>/", staff_views.act, name="act"),
]
