"""Django admin for the admin role: units, users, holiday tables, the site profile."""

from django.contrib import admin
from django.http import HttpRequest

from .models import AuditEntry, CalendarDay, CalendarYear, SiteProfile, Unit, User


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "kind", "parent", "sort_order"]
    list_filter = ["kind"]
    search_fields = ["name", "code", "short_name"]


@admin.register(User)
class UserAdmin(admin.ModelAdmin):
    list_display = ["username", "display_name", "role", "unit", "is_active", "last_login"]
    list_filter = ["role", "is_active"]
    search_fields = ["username", "display_name"]
    fields = ["username", "display_name", "role", "unit", "is_active", "email", "last_login"]
    readonly_fields = ["last_login"]


class CalendarDayInline(admin.TabularInline):
    model = CalendarDay
    extra = 0


@admin.register(CalendarYear)
class CalendarYearAdmin(admin.ModelAdmin):
    list_display = ["year", "source", "updated_at"]
    inlines = [CalendarDayInline]


@admin.register(SiteProfile)
class SiteProfileAdmin(admin.ModelAdmin):
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
