from django.contrib import admin
from django.contrib.admin.options import ActionLocation
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from core.models import Correction, NetworkSettings, SitePage, User


class ReadOnlyAdminMixin:
    """Records of what happened (corrections, receipts, checks, answers): coordinators
    read them in the admin, nobody adds, changes or deletes them there."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


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

    # Coordinators manage accounts and the Koordination group, but only a superuser
    # makes superusers or sets another person's password (it would let one act as them).
    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser:
            fields.append("is_superuser")
        return fields

    def user_change_password(self, request, id, form_url=""):
        if not request.user.is_superuser and str(request.user.pk) != str(id):
            raise PermissionDenied
        return super().user_change_password(request, id, form_url)


class HistoryAdmin(SimpleHistoryAdmin):
    """django-simple-history's admin, without "revert": a past version is read, not restored.

    Reverting saves the whole old version past the policies (PolicyAdminMixin) and the
    read-only fields; a record is changed through its services or corrected instead.
    """

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method == "POST":
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)


@admin.register(SitePage)
class SitePageAdmin(HistoryAdmin):
    list_display = ["title", "slug", "updated_at"]


class PolicyAdminMixin:
    """The admin asks the app's policies: locked fields are read-only, final records stay.

    `change_policy`/`delete_policy` are policy functions `(user, obj) -> Decision`; the
    model's `locked_fields()` (core.records.GuardedRecord) makes fields read-only.
    """

    change_policy = None
    delete_policy = None

    def has_change_permission(self, request, obj=None):
        policy = type(self).change_policy
        if obj is not None and policy is not None and not policy(request.user, obj):
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None:
            if self.delete_policy is not None and not type(self).delete_policy(request.user, obj):
                return False
            if hasattr(obj, "locked_fields") and obj.locked_fields():
                return False
        return super().has_delete_permission(request, obj)

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if obj is not None and hasattr(obj, "locked_fields"):
            from core.records import ALL_FIELDS

            locked = obj.locked_fields()
            names = (
                [f.name for f in obj._meta.concrete_fields if f.editable]
                if locked == ALL_FIELDS
                else locked
            )
            fields += [n for n in names if n not in fields]
        return fields

    def get_actions(self, request, action_location=ActionLocation.CHANGE_LIST):
        # Bulk deletion would bypass the per-record check above.
        actions = super().get_actions(request, action_location=action_location)
        actions.pop("delete_selected", None)
        return actions


@admin.register(Correction)
class CorrectionAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Corrections are written by the services, never changed: the admin only shows them."""

    list_display = ["__str__", "content_type", "object_id", "corrected_by", "reason"]
    list_filter = ["content_type"]
    list_select_related = ["content_type", "corrected_by"]


@admin.register(NetworkSettings)
class NetworkSettingsAdmin(ReadOnlyAdminMixin, HistoryAdmin):
    """Read here; changed on /koordination/netzwerk/ through its service and policy."""

    list_display = ["name", "city", "updated_at"]
    # Shown, never a form: not even the history's view of a past version.
    readonly_fields = [
        "name",
        "short_name",
        "brand",
        "city",
        "contact_email",
        "contact_address",
        "districts",
        "updated_at",
    ]
