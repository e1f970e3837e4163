"""The real URLs and one staff page nobody wrote a rule for: the matrix must name it."""

from django.http import HttpResponse
from django.urls import include, path

from gongkai.urls import urlpatterns as real

unruled = ([path("secret/", lambda request: HttpResponse("secret"), name="secret")], "unruled")
urlpatterns = [path("staff/unruled/", include(unruled)), *real]
