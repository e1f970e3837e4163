"""What the staff detail pages share: a posted action runs one handler and comes back with a message."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest


class FormInvalid(Exception):
    """A form posted from a detail page did not validate; the message names what to fix."""


def cleaned(form: forms.Form, message: str) -> dict[str, Any]:
    """Return the form's cleaned data, or raise FormInvalid naming each bad field in Chinese."""
    if not form.is_valid():
        details = "；".join(
            f"{form.fields[k].label}：{v[0]}" for k, v in form.errors.items() if k in form.fields
        )
        raise FormInvalid(f"{message}{details}")
    return dict(form.cleaned_data)


def run(
    request: HttpRequest,
    handler: Callable[..., None],
    target: Any,
    success: str,
    domain_errors: tuple[type[Exception], ...],
) -> bool:
    """Call HANDLER(request, target, user); show its domain error or SUCCESS as a message."""
    try:
        handler(request, target, request.user)
    except (*domain_errors, FormInvalid) as exc:
        messages.error(request, str(getattr(exc, "message", exc)))
        return False
    messages.success(request, success)
    return True
