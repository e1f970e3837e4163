"""The one workflow names withdrawal fields alike for every published kind."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("matters", "0003_alter_matter_status")]

    operations = [
        migrations.RemoveConstraint("matter", "matters_matter_removal_has_reason"),
        migrations.RenameField("matter", "removed_at", "withdrawn_at"),
        migrations.RenameField("matter", "removal_reason", "withdrawal_reason"),
    ]
