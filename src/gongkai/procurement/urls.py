from django.urls import path

from . import views

app_name = "procurement"

urlpatterns = [
    path("zfcg/", views.process_list, name="list"),
    path("zfcg/<str:code>/", views.process_detail, name="process"),
    path("zfcg/files/<int:pk>/<str:name>", views.document_file, name="document"),
]
