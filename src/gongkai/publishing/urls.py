from django.urls import path

from . import views

app_name = "publishing"

urlpatterns = [
    path("xxgk/catalog/", views.catalog, name="catalog"),
    path("xxgk/doc/<path:index_no>/", views.document, name="document"),
    path("xxgk/files/<int:pk>/<str:name>", views.attachment, name="attachment"),
    path("xxgk/log/", views.transparency, name="transparency"),
]
