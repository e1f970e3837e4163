"""Django admin for the admin role: units, users, holiday tables, the site profile."""

from typing import Any

from django.contrib import admin
from django.db.models import Model, URLField
from django.http import HttpRequest

from . import audit
from .models import AuditEntry, CalendarDay, CalendarYear, SiteProfile, Unit, User


class AuditedAdmin(admin.ModelAdmin):
    """Record every admin-site change in the audit log, in the same transaction."""

    formfield_overrides = {URLField: {"assume_scheme": "https"}}

    def save_model(self, request: HttpRequest, obj: Model, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        action = f"{obj._meta.label_lower}.{'changed' if change else 'created'}"
        audit.record(obj, action, by=request.user, data={"fields": list(form.changed_data), "via": "admin"})  # type: ignore[arg-type]

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        super().save_formset(request, form, formset, change)
        if formset.has_changed():
            audit.record(
                form.instance,
                f"{form.instance._meta.label_lower}.changed",
                by=request.user,  # type: ignore[arg-type]
                data={"inline": formset.model._meta.label_lower, "via": "admin"},
            )

    def delete_model(self, request: HttpRequest, obj: Model) -> None:
        audit.record(obj, f"{obj._meta.label_lower}.deleted", by=request.user, data={"via": "admin"})  # type: ignore[arg-type]
        super().delete_model(request, obj)


@admin.register(Unit)
class UnitAdmin(AuditedAdmin):
    list_display = ["name", "code", "kind", "parent", "sort_order"]
    list_filter = ["kind"]
    search_fields = ["name", "code", "short_name"]


@admin.register(User)
class UserAdmin(AuditedAdmin):
    list_display = ["username", "display_name", "role", "unit", "is_active", "last_login"]
    list_filter = ["role", "is_active"]
    search_fields = ["username", "display_name"]
    fields = ["username", "display_name", "role", "unit", "is_active", "email", "last_login"]
    readonly_fields = ["last_login"]


class CalendarDayInline(admin.TabularInline):
    model = CalendarDay
    extra = 0


@admin.register(CalendarYear)
class CalendarYearAdmin(AuditedAdmin):
    list_display = ["year", "source", "updated_at"]
    inlines = [CalendarDayInline]


@admin.register(SiteProfile)
class SiteProfileAdmin(AuditedAdmin):
    list_display = ["site_name", "site_code", "icp_number"]


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ["created_at", "actor_name", "action", "object_type", "object_repr"]
    list_filter = ["action"]
    search_fields = ["action", "object_repr", "actor_name"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
