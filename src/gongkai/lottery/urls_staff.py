from django.urls import path

from . import staff_views

app_name = "lottery_staff"

urlpatterns = [
    path("<int:pk>/draw/", staff_views.lottery_draw, name="draw"),
]
