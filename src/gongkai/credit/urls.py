from django.urls import path

from . import views

app_name = "credit"

urlpatterns = [
    path("enterprises/", views.enterprise_search, name="enterprises"),
    path("enterprises/<str:uscc>/", views.enterprise_detail, name="enterprise"),
]
