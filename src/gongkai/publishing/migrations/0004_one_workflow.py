"""The one publication workflow: documents derive from `core.publishable.Publishable`."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('core', '0003_indexsequence'),
        ('publishing', '0003_indexsequence_to_core'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name='document',
            name='document_public_has_publish_at',
        ),
        migrations.AddField(
            model_name='document',
            name='last_edited_by',
            field=models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='最后修改人'),
        ),
        migrations.AddField(
            model_name='document',
            name='publish_until',
            field=models.DateTimeField(blank=True, editable=False, help_text='到此时刻起不再公开；空表示长期公开。', null=True, verbose_name='公开截止'),
        ),
        migrations.AddField(
            model_name='document',
            name='withdrawn_by',
            field=models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='撤回人'),
        ),
        migrations.AlterField(
            model_name='document',
            name='approved_by',
            field=models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='审核人'),
        ),
        migrations.AlterField(
            model_name='document',
            name='created_by',
            field=models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='创建人'),
        ),
        migrations.AlterField(
            model_name='document',
            name='index_no',
            field=models.CharField(editable=False, max_length=60, unique=True, verbose_name='索引号'),
        ),
        migrations.AlterField(
            model_name='document',
            name='publish_at',
            field=models.DateTimeField(blank=True, db_index=True, editable=False, null=True, verbose_name='发布时间'),
        ),
        migrations.AlterField(
            model_name='document',
            name='review_note',
            field=models.CharField(blank=True, editable=False, max_length=300, verbose_name='审核意见'),
        ),
        migrations.AlterField(
            model_name='document',
            name='status',
            field=models.CharField(choices=[('draft', '草稿'), ('submitted', '待审核'), ('approved', '已审核'), ('published', '已发布'), ('withdrawn', '已撤回')], db_index=True, default='draft', max_length=20, verbose_name='状态'),
        ),
        migrations.AlterField(
            model_name='document',
            name='submitted_by',
            field=models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='提交人'),
        ),
        migrations.AlterField(
            model_name='document',
            name='version',
            field=models.PositiveIntegerField(default=1, editable=False, verbose_name='版本'),
        ),
        migrations.AlterField(
            model_name='document',
            name='withdrawal_reason',
            field=models.CharField(blank=True, editable=False, max_length=300, verbose_name='撤回原因'),
        ),
        migrations.AlterField(
            model_name='document',
            name='withdrawn_at',
            field=models.DateTimeField(blank=True, editable=False, null=True, verbose_name='撤回时间'),
        ),
    ]
