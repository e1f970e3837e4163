"""Compose every app's router into /api/v1 and answer errors in one shape."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.views import defaults
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.renderers import JSONRenderer

from gongkai.applications.api import router as applications_router
from gongkai.applications.api import staff_router as applications_staff_router
from gongkai.concerns.api import router as concerns_router
from gongkai.core.api import router as core_router
from gongkai.core.api import staff_router as core_staff_router
from gongkai.core.apibase import ApiError
from gongkai.credit.api import router as credit_router
from gongkai.finance.api import router as finance_router
from gongkai.indicators.api import router as indicators_router
from gongkai.land.api import router as land_router
from gongkai.lottery.api import router as lottery_router
from gongkai.participation.api import router as participation_router
from gongkai.procurement.api import router as procurement_router
from gongkai.publishing.api import router as publishing_router
from gongkai.publishing.api import staff_router as publishing_staff_router
from gongkai.records.api import router as records_router
from gongkai.reports.api import router as reports_router
from gongkai.search.api import router as search_router


class Utf8JSONRenderer(JSONRenderer):
    """JSON with Chinese text as UTF-8, not \\u escapes: readable by people and by grep."""

    json_dumps_params = {"ensure_ascii": False}


ERROR_REF = {"$ref": "#/components/schemas/ErrorOut"}
# Statuses every operation of a kind can answer through the handlers below, beside those it declares.
COMMON_STATUSES = {
    400: "请求体无法解析",
    401: "需要有效的接口令牌",
    403: "角色无权执行此操作",
    413: "请求体过大",
    422: "参数不正确",
}
# Operations answering something other than JSON: path -> content type.
OTHER_CONTENT = {"/api/v1/ocds/releases.jsonl": "application/x-ndjson"}


def _error_response(description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": ERROR_REF}}}


class GongkaiAPI(NinjaAPI):
    """Documents in OpenAPI what the shared handlers answer (issue #23 item 17): 422 for any operation
    that takes parameters or a body, 413 for a body over the size limit, 401 and 403 for the staff
    API; and the content type of an operation that does not answer JSON."""

    def get_openapi_schema(self, *args: Any, **kwargs: Any) -> Any:
        schema = super().get_openapi_schema(*args, **kwargs)
        for path, operations in schema["paths"].items():
            for operation in operations.values():
                responses = operation.setdefault("responses", {})
                wanted = []
                if operation.get("parameters") or operation.get("requestBody"):
                    wanted.append(422)
                if operation.get("requestBody"):
                    wanted += [400, 413]
                if "/staff/" in path:
                    wanted += [401, 403]
                for status in wanted:
                    responses.setdefault(status, _error_response(COMMON_STATUSES[status]))
                if path in OTHER_CONTENT:
                    ok = responses.setdefault(200, {"description": "OK"})
                    ok["content"] = {OTHER_CONTENT[path]: {"schema": {"type": "string"}}}
        return schema


api = GongkaiAPI(
    renderer=Utf8JSONRenderer(),
    title="Gongkai API",
    version="1",
    description='政务公开平台接口。错误统一为 {"error": {"code", "message", "fields"}}。',
    urls_namespace="api",
)


def _error(api: NinjaAPI, request: HttpRequest, error: ApiError) -> HttpResponse:
    return api.create_response(request, error.body(), status=error.status)


@api.exception_handler(ApiError)
def on_api_error(request: HttpRequest, exc: ApiError) -> HttpResponse:
    return _error(api, request, exc)


def _field_name(loc: Any) -> str:
    parts = [str(p) for p in loc if p not in ("query", "body", "path", "form", "payload")]
    return ".".join(parts) or "request"


@api.exception_handler(ValidationError)
def on_validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    fields = {_field_name(e.get("loc", ())): str(e.get("msg", "")) for e in exc.errors}
    names = "、".join(fields)
    return _error(api, request, ApiError(422, "invalid", f"参数不正确：{names}。", fields))


@api.exception_handler(AuthenticationError)
def on_auth_error(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return _error(
        api, request, ApiError(401, "unauthenticated", "需要有效的接口令牌（Authorization: Bearer …）。")
    )


@api.exception_handler(Http404)
def on_not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return _error(api, request, ApiError(404, "not_found", "未找到。"))


@api.exception_handler(RequestDataTooBig)
def on_too_big(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE // (1024 * 1024)
    return _error(api, request, ApiError(413, "too_large", f"请求体过大（不超过 {limit} MB）。"))


@api.exception_handler(HttpError)
def on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    if exc.status_code == 400:  # django-ninja's "Cannot parse request body"
        message = "请求体无法解析：应为 UTF-8 编码的 JSON。"
        return _error(api, request, ApiError(400, "malformed", message, {"body": message}))
    return _error(api, request, ApiError(exc.status_code, "error", str(exc)))


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    """The site's 404 page; under /api/ (a path no route takes, such as a word where a number belongs)
    the API's error shape instead."""
    if request.path.startswith("/api/"):
        body = ApiError(404, "not_found", "未找到。").body()
        return JsonResponse(body, status=404, json_dumps_params={"ensure_ascii": False})
    return defaults.page_not_found(request, exception)


api.add_router("/", core_router)
api.add_router("/staff", core_staff_router)
api.add_router("/", publishing_router)
api.add_router("/staff", publishing_staff_router)
api.add_router("/", applications_router)
api.add_router("/staff", applications_staff_router)
api.add_router("/", concerns_router)
api.add_router("/", reports_router)
api.add_router("/", records_router)
api.add_router("/", search_router)
api.add_router("/", indicators_router)
api.add_router("/", finance_router)
api.add_router("/", procurement_router)
api.add_router("/", land_router)
api.add_router("/", credit_router)
api.add_router("/", participation_router)
api.add_router("/", lottery_router)
