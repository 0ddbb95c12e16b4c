from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from core.admin import HistoryAdmin, PolicyAdminMixin, ReadOnlyAdminMixin
from materials import policies
from materials.forms import DocumentForm, SealFileForm, SealTermsForm
from materials.models import Document, Download, SealAcceptance, SealFile, SealTerms


@admin.register(SealFile)
class SealFileAdmin(HistoryAdmin):
    form = SealFileForm
    list_display = ["title", "description", "position", "created_at"]


@admin.register(SealTerms)
class SealTermsAdmin(PolicyAdminMixin, HistoryAdmin):
    """Terms are final once published or accepted: read-only here, corrected on the site."""

    form = SealTermsForm
    change_policy = policies.can_change_terms
    delete_policy = policies.can_delete_terms
    list_display = ["number", "valid_from", "created_at"]

    # The policy asks the stored terms: a form that failed validation (a valid_from of
    # year 1, say) must not make the terms look published while it is shown again.
    @staticmethod
    def _stored(obj):
        if obj is None or obj.pk is None:
            return obj
        return SealTerms.objects.filter(pk=obj.pk).first() or obj

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, self._stored(obj))

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, self._stored(obj))

    def get_readonly_fields(self, request, obj=None):
        return super().get_readonly_fields(request, self._stored(obj))


@admin.register(Document)
class DocumentAdmin(HistoryAdmin):
    form = DocumentForm
    list_display = ["title", "audience", "version", "issued_on", "updated_at"]
    list_filter = ["audience"]
    search_fields = ["title"]


class ReadOnlyAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Records of what happened: coordinators read them, nobody changes them."""


@admin.register(SealAcceptance)
class SealAcceptanceAdmin(ReadOnlyAdmin):
    """Final once made (materials.policies): read here, corrected through a Berichtigung."""

    list_display = ["organisation", "terms", "name", "function", "accepted_at"]
    readonly_fields = ["correction"]

    @admin.display(description=_("Berichtigung"))
    def correction(self, obj):
        return format_html(
            '<a href="{}">{}</a>',
            reverse("materials:acceptance_correct", kwargs={"pk": obj.pk}),
            _("Name oder Funktion berichtigen"),
        )

    list_filter = ["terms"]
    search_fields = ["organisation__name", "name"]
    list_select_related = ["organisation", "terms"]


@admin.register(Download)
class DownloadAdmin(ReadOnlyAdmin):
    list_display = ["downloaded_at", "seal_file", "document", "organisation", "user"]
    list_filter = ["seal_file", "document"]
    list_select_related = ["seal_file", "document", "organisation", "user"]
