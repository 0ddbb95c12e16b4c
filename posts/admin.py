import copy

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError

from core.admin import HistoryAdmin, PolicyAdminMixin
from posts import policies, services
from posts.models import Post
from posts.services import POST_FIELDS


class PostAdminForm(forms.ModelForm):
    """The admin's form refuses what the service would, as form errors (never a 500)."""

    class Meta:
        model = Post
        fields = [name for name in POST_FIELDS if name != "image"]

    def _post_clean(self):
        super()._post_clean()
        if self.errors:
            return
        try:
            services.check_content(copy.copy(self.instance))
        except ValidationError as error:
            self._update_errors(error)


@admin.register(Post)
class PostAdmin(PolicyAdminMixin, HistoryAdmin):
    """Coordinators edit a post's content here (services.edit_post); states change on the site."""

    form = PostAdminForm
    change_policy = policies.can_change_post
    delete_policy = policies.can_admin_delete_post
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

    def save_model(self, request, obj, form, change):
        services.edit_post(
            post=obj,
            by=request.user,
            **{name: form.cleaned_data[name] for name in POST_FIELDS if name in form.cleaned_data},
        )
