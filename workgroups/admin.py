from django.contrib import admin

from core.admin import HistoryAdmin, PolicyAdminMixin
from workgroups import policies, services
from workgroups.models import GroupDocument, Membership, WorkingGroup


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    fields = ["organisation", "status", "joined_on", "left_on"]
    raw_id_fields = ["organisation"]

    # Memberships change through the site (join, approve, leave), never here.
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(WorkingGroup)
class WorkingGroupAdmin(PolicyAdminMixin, HistoryAdmin):
    """Groups are founded and closed on the site; the admin edits what the policy allows."""

    change_policy = policies.can_change_group
    delete_policy = policies.can_delete_group
    list_display = ["name", "topic", "status", "access", "lead_organisation", "founded_on"]
    list_filter = ["status", "access"]
    search_fields = ["name", "topic", "description"]
    raw_id_fields = ["lead_organisation", "lead_contact", "founding_resolution"]
    list_select_related = ["lead_organisation"]
    # State and slug change only through the services (founding, closing).
    readonly_fields = ["slug", "status", "closed_on"]
    inlines = [MembershipInline]

    def has_add_permission(self, request):
        # Founding checks the resolution: /arbeitsgruppen/gruenden/ (services.found_group).
        return False

    def save_model(self, request, obj, form, change):
        # Handing over the lead goes through its service (the new lead becomes a member).
        if change and {"lead_organisation", "lead_contact"} & set(form.changed_data):
            services.set_lead(
                group=obj,
                organisation=obj.lead_organisation,
                contact=obj.lead_contact,
                by=request.user,
            )
        super().save_model(request, obj, form, change)


@admin.register(Membership)
class MembershipAdmin(PolicyAdminMixin, HistoryAdmin):
    change_policy = policies.can_change_membership
    list_display = ["organisation", "group", "status", "joined_on", "left_on"]
    list_filter = ["status", "group"]
    search_fields = ["organisation__name", "group__name"]
    raw_id_fields = ["group", "organisation", "contacts", "decided_by"]
    list_select_related = ["organisation", "group"]

    def has_delete_permission(self, request, obj=None):
        if obj is not None and not obj.group.is_active:
            return False
        return super().has_delete_permission(request, obj)


@admin.register(GroupDocument)
class GroupDocumentAdmin(PolicyAdminMixin, HistoryAdmin):
    change_policy = policies.can_change_document
    delete_policy = policies.can_delete_document
    list_display = ["title", "group", "is_public", "uploaded_at"]
    list_filter = ["is_public", "group"]
    search_fields = ["title"]
    raw_id_fields = ["group", "uploaded_by"]
    list_select_related = ["group"]
