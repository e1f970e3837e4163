"""Declared permissions for staff views: `@requires("core.audit.view")`."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from gongkai.core import permissions


def requires(
    action: str, *, own_unit: bool = False
) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """Let only users whom the role allows ACTION in (with OWN_UNIT: for their own unit) see the view."""

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            user: Any = request.user
            if own_unit and user.unit is None:
                raise PermissionDenied(action)
            if not permissions.can(user, action, user.unit if own_unit else None):
                raise PermissionDenied(action)
            return view(request, *args, **kwargs)

        return login_required(wrapped)

    return decorator
