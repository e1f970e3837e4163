"""Give every table that is still empty one row, so that a backup's round trip checks every column.

Run inside `gongkai shell -c` after the demo: the demo is the representative county; what its past
never fills (an applicant's account, a site-check run, a session, …) gets one plain row here, built
from the fields alone, so that a model added later is filled without touching the test. Prints the
tables it filled.
"""

import datetime
import decimal
import uuid

from django.apps import apps
from django.db import models, transaction
from django.utils import timezone

serial = iter(range(1, 1_000_000))


def value(field, taken):
    """A plain value for FIELD; TAKEN counts the foreign keys to each model already given one."""
    if field.is_relation:
        related = field.related_model
        fill(related)
        offset = taken.get(related, 0)
        taken[related] = offset + 1
        return related._base_manager.order_by("pk")[offset]
    if field.has_default() and not field.unique:
        return field.get_default()
    if field.choices:
        return field.choices[0][0]
    kind, number = field.get_internal_type(), next(serial)
    if kind in {"CharField", "TextField", "SlugField", "EmailField", "URLField", "FileField", "ImageField"}:
        text = {"EmailField": f"fill{number}@example.org", "URLField": f"https://example.org/{number}"}
        return text.get(kind, f"fill{number}")[: field.max_length or None]
    if kind == "GenericIPAddressField":
        return "127.0.0.1"
    if kind == "BooleanField":
        return False
    if kind.endswith("IntegerField"):
        return number
    simple = {
        "DecimalField": decimal.Decimal(1),
        "FloatField": 1.0,
        "DateField": timezone.localdate(),
        "DateTimeField": timezone.now(),
        "TimeField": datetime.time(8),
        "DurationField": datetime.timedelta(days=1),
        "UUIDField": uuid.uuid4(),
        "BinaryField": b"fill",
        "JSONField": {},
    }
    return simple[kind]


filled = []


def fill(model):
    """Give MODEL's table a row (and its many-to-many tables a link) if it has none."""
    if model._base_manager.exists():
        return
    taken = {}
    instance = model(
        **{
            field.attname if not field.is_relation else field.name: value(field, taken)
            for field in model._meta.concrete_fields
            if not (field.primary_key and isinstance(field, models.AutoField))
            and not (field.null and field.is_relation)
        }
    )
    instance.save(force_insert=True)
    filled.append(model._meta.db_table)


with transaction.atomic():
    for model in apps.get_models():
        if not model._meta.proxy and model._meta.managed:
            fill(model)
    for model in apps.get_models():
        for field in model._meta.many_to_many:
            through = field.remote_field.through
            if through._meta.auto_created and not through._base_manager.exists():
                fill(field.related_model)
                getattr(model._base_manager.order_by("pk").first(), field.name).add(
                    field.related_model._base_manager.order_by("pk").first()
                )
                filled.append(through._meta.db_table)
print(" ".join(filled))
