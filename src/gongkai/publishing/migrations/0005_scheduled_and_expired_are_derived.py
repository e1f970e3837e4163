"""Stored states are the ones a person caused: "scheduled" and "expired" become published rows whose
publish time or display end says what the public sees."""

from django.db import migrations
from django.db.models import F


def forwards(apps, schema_editor):
    Document = apps.get_model("publishing", "Document")
    Document.objects.filter(status="scheduled").update(status="published")
    Document.objects.filter(status="expired").update(status="published", publish_until=F("expired_at"))


def backwards(apps, schema_editor):
    Document = apps.get_model("publishing", "Document")
    Document.objects.filter(status="published", publish_until__isnull=False).update(
        status="expired", expired_at=F("publish_until")
    )


class Migration(migrations.Migration):
    dependencies = [("publishing", "0004_one_workflow")]

    operations = [migrations.RunPython(forwards, backwards)]
