from django.urls import path

from . import staff_views

app_name = "procurement_staff"

urlpatterns = [
    path("", staff_views.process_list, name="list"),
    path("new/", staff_views.process_create, name="create"),
    path("<int:pk>/", staff_views.process_detail, name="detail"),
    path("<int:pk>/edit/", staff_views.process_edit, name="edit"),
    path("notices/<int:pk>/documents/", staff_views.notice_attach, name="notice_attach"),
    path("documents/<int:pk>/delete/", staff_views.notice_detach, name="notice_detach"),
]
