"""What every router shares: the error shape, paging, and bearer-token authentication."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Field, Schema
from ninja.pagination import PaginationBase
from ninja.security import HttpBearer

from . import permissions
from .models import User
from .services import token_user

MAX_PAGE_SIZE = 100
MAX_PAGE = 100_000  # beyond any list served; a larger page number is a 422, not a database overflow
YEARS = {"ge": 1900, "le": 2999}  # the years a `year` parameter may name
YEAR_MESSAGE = "年份须在1900至2999之间。"


class ApiError(Exception):
    """An error answered as {"error": {"code", "message", "fields"}} with STATUS."""

    def __init__(self, status: int, code: str, message: str, fields: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.fields = fields or {}

    def body(self) -> dict[str, Any]:
        return {"error": {"code": self.code, "message": self.message, "fields": self.fields}}


class ErrorDetail(Schema):
    code: str
    message: str
    fields: dict[str, str] = {}


class ErrorOut(Schema):
    error: ErrorDetail


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        return token_user(token)


def require(request: HttpRequest, action: str, obj: Any = None) -> User:
    """Return the authenticated staff user, or answer 403 when the role does not allow ACTION."""
    user: User = request.auth  # type: ignore[attr-defined]
    if not permissions.can(user, action, obj):
        raise ApiError(403, "forbidden", "你的角色无权执行此操作。")
    return user


class PageNumberPagination(PaginationBase):
    """{"count", "next", "results"} with `page` and `page_size` (at most 100)."""

    class Input(Schema):
        page: int = Field(1, ge=1, le=MAX_PAGE)
        page_size: int = Field(20, ge=1, le=MAX_PAGE_SIZE)

    class Output(Schema):
        count: int
        next: str | None
        results: list[Any]

    items_attribute = "results"

    def paginate_queryset(
        self, queryset: Any, pagination: Any, request: HttpRequest, **params: Any
    ) -> dict[str, Any]:
        start = (pagination.page - 1) * pagination.page_size
        count = queryset.count() if hasattr(queryset, "count") and callable(queryset.count) else len(queryset)
        items = list(queryset[start : start + pagination.page_size])
        next_url = None
        if start + pagination.page_size < count:
            query = request.GET.copy()
            query["page"] = str(pagination.page + 1)
            query["page_size"] = str(pagination.page_size)
            next_url = request.build_absolute_uri(f"{request.path}?{query.urlencode()}")
        return {"count": count, "next": next_url, "results": items}
