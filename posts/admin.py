from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from posts.models import Post


@admin.register(Post)
class PostAdmin(SimpleHistoryAdmin):
    list_display = ["title", "organisation", "kind", "status", "submitted_at", "published_at"]
    list_filter = ["status", "kind"]
    search_fields = ["title", "organisation__name"]
    list_select_related = ["organisation"]
    # States change only through the moderation views (services), never here.
    readonly_fields = [
        "organisation",
        "author",
        "slug",
        "status",
        "submitted_at",
        "published_at",
        "moderated_by",
        "rejection_reason",
        "image",
    ]
    fields = [
        "organisation",
        "author",
        "slug",
        "status",
        "kind",
        "title",
        "teaser",
        "body",
        "image",
        "image_alt",
        "starts_at",
        "ends_at",
        "place",
        "carries_seal",
        "submitted_at",
        "published_at",
        "moderated_by",
        "rejection_reason",
    ]

    def has_add_permission(self, request):
        return False
