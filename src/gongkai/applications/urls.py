from django.urls import path

from . import views

app_name = "applications"

urlpatterns = [
    path("ysq/apply/", views.apply, name="apply"),
    path("ysq/submitted/", views.submitted, name="submitted"),
    path("ysq/track/", views.track, name="track"),
    path("ysq/account/", views.account, name="account"),
    path("ysq/account/logout/", views.account_logout, name="account_logout"),
    path("ysq/files/<str:tracking_no>/<int:pk>/", views.reply_file, name="file"),
    path("ysq/files/<str:tracking_no>/letter.<str:fmt>", views.letter, name="letter"),
]
