from django.urls import path

from . import views

app_name = "participation"

urlpatterns = [
    path("consultations/", views.consultation_list, name="list"),
    path("consultations/<int:pk>/", views.consultation_detail, name="detail"),
    path("consultations/<int:pk>/comments/", views.comment_post, name="comment"),
    path("consultations/<int:pk>/comments/<int:comment>/report/", views.comment_flag, name="report"),
    path("hearings/<int:pk>/", views.hearing_detail, name="hearing"),
    path("hearings/<int:pk>/draw.json", views.hearing_draw, name="hearing_draw"),
]
