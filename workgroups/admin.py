from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from workgroups.models import GroupDocument, Membership, WorkingGroup


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    fields = ["organisation", "status", "joined_on", "left_on"]
    raw_id_fields = ["organisation"]


@admin.register(WorkingGroup)
class WorkingGroupAdmin(SimpleHistoryAdmin):
    list_display = ["name", "topic", "status", "access", "lead_organisation", "founded_on"]
    list_filter = ["status", "access"]
    search_fields = ["name", "topic", "description"]
    prepopulated_fields = {"slug": ["name"]}
    raw_id_fields = ["lead_organisation", "lead_contact"]
    list_select_related = ["lead_organisation"]
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(SimpleHistoryAdmin):
    list_display = ["organisation", "group", "status", "joined_on", "left_on"]
    list_filter = ["status", "group"]
    search_fields = ["organisation__name", "group__name"]
    raw_id_fields = ["group", "organisation", "contacts", "decided_by"]
    list_select_related = ["organisation", "group"]


@admin.register(GroupDocument)
class GroupDocumentAdmin(SimpleHistoryAdmin):
    list_display = ["title", "group", "is_public", "uploaded_at"]
    list_filter = ["is_public", "group"]
    search_fields = ["title"]
    raw_id_fields = ["group", "uploaded_by"]
    list_select_related = ["group"]
