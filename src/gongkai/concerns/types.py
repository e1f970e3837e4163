"""The published kind of this app: answers to concerns as 问答, a record type on the one workflow."""

from gongkai.records import registry

from .models import Answer

ANSWERS = registry.register(
    Answer,
    registry.RecordType(
        slug="answers",
        name="留言答复",
        description="群众留言（咨询、建议、投诉）的答复，经留言人同意、去除个人信息后公开。",
        title_field="title",
        date_field="answered_on",
        list_columns=("title", "kind", "asked_on", "answered_on"),
        filters=("kind",),
        search_fields=("title", "question", "answer"),
        field_order=("title", "kind", "asked_on", "question", "answered_on", "answer"),
        nav_group="互动交流",
        home_column=False,
        search_weight=0.6,
        search_words=("留言", "答复", "问答"),
    ),
)
