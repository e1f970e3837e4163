"""Helpers that drive documents through the real services."""

from datetime import date

from gongkai.core.models import Unit, User
from gongkai.publishing import services
from gongkai.publishing.models import Category, Document


def draft(editor: User, unit: Unit | None = None, **fields) -> Document:
    values = {
        "title": "关于做好秋季防火工作的通知",
        "formed_on": date(2026, 10, 9),
        "category": Category.objects.get_or_create(code="other", defaults={"name": "其他"})[0],
        "body": "<p>各乡镇：请做好秋季防火工作。</p>",
    }
    values.update(fields)
    return services.document_create(by=editor, unit=unit or editor.unit, **values)


def approved(editor: User, reviewer: User, **fields) -> Document:
    document = draft(editor, **fields)
    services.document_submit(document=document, by=editor)
    return services.document_approve(document=document, by=reviewer)


def published(editor: User, reviewer: User, **fields) -> Document:
    document = approved(editor, reviewer, **fields)
    return services.document_publish(document=document, by=reviewer)


def release(response) -> bytes:
    """Read a file response and close its file without firing request_finished (which would end the
    test's database connection)."""
    data = b"".join(response.streaming_content)
    for closer in response._resource_closers:
        closer()
    response._resource_closers.clear()
    return data
