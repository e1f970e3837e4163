"""Expiry is the display end (publish_until) now; the old column goes."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("publishing", "0005_scheduled_and_expired_are_derived")]

    operations = [
        migrations.RemoveField(model_name="document", name="expired_at"),
        migrations.AddConstraint(
            model_name='document',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('status', 'published'), _negated=True), ('publish_at__isnull', False), _connector='OR'), name='document_published_has_time'),
        ),
    ]
