from django.urls import path

from . import views

app_name = "lottery"

urlpatterns = [
    path("lotteries/", views.lottery_list, name="list"),
    path("lotteries/gongkai-lottery-verify.py", views.verifier, name="verifier"),
    path("lotteries/<int:pk>/", views.lottery_detail, name="detail"),
    path("lotteries/<int:pk>/draw.json", views.draw_json, name="draw_json"),
]
