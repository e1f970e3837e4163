"""`GET /api/v1/enterprises/{uscc}`: one enterprise's profile across every published kind (CONTRACT)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import Router

from gongkai.core.apibase import ApiError, ErrorOut
from gongkai.core.uscc import validate_uscc

from . import enterprises

router = Router(tags=["enterprises"])


@router.get(
    "/enterprises/{uscc}",
    response={200: dict[str, Any], 404: ErrorOut},
    summary="企业信用档案：各类公开信息",
)
def enterprise_detail(request: HttpRequest, uscc: str) -> dict[str, Any]:
    code = enterprises.normalise(uscc)
    try:
        validate_uscc(code)
    except ValidationError as exc:  # no enterprise has it (CONTRACT: 404 for an unknown code); say why
        raise ApiError(404, "not_found", exc.messages[0], {"uscc": exc.messages[0]}) from None
    found = enterprises.profile(code)
    if found is None:
        raise ApiError(404, "not_found", "没有这家企业的公开信息。")
    return {
        "uscc": found.uscc,
        "name": found.name,
        "records": [
            {
                "type": e.record_type.slug,
                "index_no": e.index_no,
                "title": e.title,
                "url": request.build_absolute_uri(e.url),
            }
            for e in found.entries
        ],
    }
