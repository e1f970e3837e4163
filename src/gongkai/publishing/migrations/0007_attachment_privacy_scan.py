from django.conf import settings
from django.db import migrations, models
from django.db.models.functions import Length


def scan_long_texts(apps, schema_editor):
    """Attachments already stored with a text too long to scan on a request are scanned here, once,
    so none of them waits for a task that was never queued."""
    from gongkai.core import privacy

    Attachment = apps.get_model("publishing", "Attachment")
    Unit = apps.get_model("core", "Unit")
    allow = privacy.Allowed.of(
        v for row in Unit.objects.values_list("phone", "office_phone", "office_fax", "office_email") for v in row
    )
    long = Attachment.objects.annotate(n=Length("text")).filter(n__gt=settings.PRIVACY_SCAN_MAX_CHARS)
    for attachment in long.iterator():
        found = privacy.scan(attachment.text, allow=allow)
        Attachment.objects.filter(pk=attachment.pk).update(privacy_scan=[f.as_dict() for f in found])


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0009_restore_entries"),
        ("publishing", "0006_remove_expired_at"),
    ]

    operations = [
        migrations.AddField(
            model_name="attachment",
            name="privacy_scan",
            field=models.JSONField(blank=True, editable=False, null=True),
        ),
        migrations.RunPython(scan_long_texts, migrations.RunPython.noop),
    ]
