"""The one workflow names withdrawal fields alike for every published kind."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("enforcement", "0003_alter_coercion_status_alter_licence_status_and_more")]

    operations = [
        migrations.RemoveConstraint("licence", "enforcement_licence_removal_has_reason"),
        migrations.RemoveConstraint("penalty", "enforcement_penalty_removal_has_reason"),
        migrations.RemoveConstraint("coercion", "enforcement_coercion_removal_has_reason"),
        migrations.RenameField("licence", "removed_at", "withdrawn_at"),
        migrations.RenameField("licence", "removal_reason", "withdrawal_reason"),
        migrations.RenameField("penalty", "removed_at", "withdrawn_at"),
        migrations.RenameField("penalty", "removal_reason", "withdrawal_reason"),
        migrations.RenameField("coercion", "removed_at", "withdrawn_at"),
        migrations.RenameField("coercion", "removal_reason", "withdrawal_reason"),
    ]
