from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from circulars import policies, services
from circulars.models import Circular, Delivery
from core.admin import PolicyAdminMixin, ReadOnlyAdminMixin


class DeliveryInline(ReadOnlyAdminMixin, admin.TabularInline):
    """The recipients and what became of each mail: written by the worker only."""

    model = Delivery
    extra = 0
    fields = ["email", "organisation_name", "status", "attempts", "sent_at", "error"]
    readonly_fields = fields
    show_change_link = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Circular)
class CircularAdmin(PolicyAdminMixin, admin.ModelAdmin):
    """Circulars are written and sent on /koordination/rundschreiben/.

    The admin asks the same policies: a draft's text may be changed (through
    services.update_circular), a sent circular is read-only and is not deleted.
    """

    change_policy = policies.can_edit_circular
    delete_policy = policies.can_delete_circular
    list_display = ["subject", "kind", "state", "public", "queued_at", "finished_at"]
    list_filter = ["state", "kind", "public"]
    search_fields = ["subject", "body"]
    fields = [
        "subject",
        "subject_en",
        "body",
        "kind",
        "public",
        "working_group",
        "audience",
        "audience_description",
        "attachment_list",
        "state",
        "created_by",
        "sent_by",
        "queued_at",
        "finished_at",
        "resolved_at",
    ]
    # The audience is chosen on the site's form; state and progress belong to the sending.
    readonly_fields = [
        "working_group",
        "audience",
        "attachment_list",
        "audience_description",
        "state",
        "created_by",
        "sent_by",
        "queued_at",
        "finished_at",
        "resolved_at",
    ]
    inlines = [DeliveryInline]

    @admin.display(description=_("Anhänge"))
    def attachment_list(self, obj):
        return ", ".join(str(document) for document in obj.attachments.all()) or "–"

    def has_add_permission(self, request):
        # Written on the site (audience, preview, test mail): /koordination/rundschreiben/neu/.
        return False

    def save_model(self, request, obj, form, change):
        services.update_circular(
            circular=obj,
            by=request.user,
            **{name: form.cleaned_data[name] for name in services.CONTENT_FIELDS},
        )

    def delete_model(self, request, obj):
        services.delete_circular(circular=obj, by=request.user)
