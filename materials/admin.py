from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from materials.forms import DocumentForm, SealFileForm
from materials.models import Document, Download, SealAcceptance, SealFile, SealTerms


@admin.register(SealFile)
class SealFileAdmin(SimpleHistoryAdmin):
    form = SealFileForm
    list_display = ["title", "description", "position", "created_at"]


@admin.register(SealTerms)
class SealTermsAdmin(SimpleHistoryAdmin):
    list_display = ["number", "valid_from", "created_at"]

    def get_readonly_fields(self, request, obj=None):
        # Accepted terms are a record of what was agreed: their text stays as it was.
        if obj is not None and obj.acceptances.exists():
            return ["number", "text", "valid_from"]
        return []

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.acceptances.exists():
            return False
        return super().has_delete_permission(request, obj)


@admin.register(Document)
class DocumentAdmin(SimpleHistoryAdmin):
    form = DocumentForm
    list_display = ["title", "audience", "version", "issued_on", "updated_at"]
    list_filter = ["audience"]
    search_fields = ["title"]


class ReadOnlyAdmin(admin.ModelAdmin):
    """Records of what happened: coordinators read them, nobody changes them."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(SealAcceptance)
class SealAcceptanceAdmin(ReadOnlyAdmin):
    list_display = ["organisation", "terms", "name", "function", "accepted_at"]
    list_filter = ["terms"]
    search_fields = ["organisation__name", "name"]
    list_select_related = ["organisation", "terms"]


@admin.register(Download)
class DownloadAdmin(ReadOnlyAdmin):
    list_display = ["downloaded_at", "seal_file", "document", "organisation", "user"]
    list_filter = ["seal_file", "document"]
    list_select_related = ["seal_file", "document", "organisation", "user"]
