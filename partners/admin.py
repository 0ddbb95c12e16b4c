from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from partners.models import AgreementVersion, Contact, FieldOfEngagement, Organisation


class ContactInline(admin.TabularInline):
    model = Contact
    extra = 0
    fields = ["name", "email", "function", "is_representative", "public_consent_at", "user"]
    raw_id_fields = ["user"]


@admin.register(Organisation)
class OrganisationAdmin(SimpleHistoryAdmin):
    list_display = ["name", "district", "status", "joined_on", "is_coordinating"]
    list_filter = ["status", "district", "is_coordinating", "fields"]
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ["name"]}
    raw_id_fields = ["recruited_by"]
    inlines = [ContactInline]
    list_select_related = ["recruited_by"]


@admin.register(Contact)
class ContactAdmin(SimpleHistoryAdmin):
    list_display = ["name", "email", "organisation", "function", "is_representative"]
    list_filter = ["is_representative"]
    search_fields = ["name", "email", "organisation__name"]
    raw_id_fields = ["organisation", "user"]
    list_select_related = ["organisation"]


@admin.register(FieldOfEngagement)
class FieldOfEngagementAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(AgreementVersion)
class AgreementVersionAdmin(admin.ModelAdmin):
    list_display = ["number", "title", "valid_from", "sha256"]
    readonly_fields = ["sha256", "created_at"]

    def has_delete_permission(self, request, obj=None):
        return False

    def get_readonly_fields(self, request, obj=None):
        # A published version is what partners signed: its text never changes.
        if obj is not None:
            return ["number", "title", "text", "valid_from", "sha256", "created_at"]
        return self.readonly_fields
