"""The default 公开目录 tree (Art. 20/21 and the seed report's areas); the office edits it afterwards."""

from django.db import migrations

from gongkai.publishing.catalog_tree import TREE



def create_tree(apps, schema_editor):
    Category = apps.get_model("publishing", "Category")
    by_code = {}
    for order, (code, name, parent) in enumerate(TREE):
        by_code[code], _ = Category.objects.get_or_create(
            code=code, defaults={"name": name, "parent": by_code.get(parent), "sort_order": order * 10}
        )


class Migration(migrations.Migration):
    dependencies = [("publishing", "0001_initial")]

    operations = [migrations.RunPython(create_tree, migrations.RunPython.noop)]
