from django.urls import path

from . import staff_views

app_name = "reports_staff"

urlpatterns = [
    path("annual/<int:year>/", staff_views.annual, name="annual"),
    path("timeliness/", staff_views.timeliness, name="timeliness"),
    path("summary/<int:year>/", staff_views.summary, name="summary"),
    path("annual/<int:year>/cell/<str:row>/<slug:column>/", staff_views.cell, name="cell"),
    path(
        "annual/<int:year>/documents/<slug:key>/<slug:column>/",
        staff_views.documents_cell,
        name="documents_cell",
    ),
    path(
        "annual/<int:year>/reviews/<slug:kind>/<slug:result>/", staff_views.reviews_cell, name="reviews_cell"
    ),
]
