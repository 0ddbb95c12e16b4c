from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from netzwerk.models import SitePage, User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "name", "is_active", "last_login"]
    search_fields = ["email", "name"]
    list_filter = ["is_active", "groups"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Person"), {"fields": ["name"]}),
        (_("Berechtigungen"), {"fields": ["is_active", "is_superuser", "groups"]}),
        (_("Daten"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "password1", "password2"]})]
    readonly_fields = ["last_login", "date_joined"]
    filter_horizontal = ["groups"]


@admin.register(SitePage)
class SitePageAdmin(SimpleHistoryAdmin):
    list_display = ["title", "slug", "updated_at"]
