from django.contrib import admin

from gongkai.core.admin import AuditedAdmin

from .models import Column, Expression, Site


class ColumnInline(admin.TabularInline):
    model = Column
    extra = 1


@admin.register(Site)
class SiteAdmin(AuditedAdmin):
    list_display = ["name", "base_url", "is_portal", "scheduled", "sort_order"]
    inlines = [ColumnInline]


@admin.register(Expression)
class ExpressionAdmin(AuditedAdmin):
    list_display = ["text", "correct", "note"]
    search_fields = ["text", "correct"]
