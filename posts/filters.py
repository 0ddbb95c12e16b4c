import django_filters
from django.utils.translation import gettext_lazy as _

from core.forms import PlainSelect
from partners.models import Organisation
from posts.models import Post


def _organisations_with_posts(request):
    # Only what the select box shows: the list is long on a large network.
    return (
        Organisation.objects.filter(posts__status=Post.Status.PUBLISHED)
        .only("slug", "name")
        .distinct()
    )


class PostFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(
        label=_("Art"), choices=Post.Kind.choices, empty_label=_("Alle"), widget=PlainSelect
    )
    organisation = django_filters.ModelChoiceFilter(
        label=_("Partner"),
        queryset=_organisations_with_posts,
        field_name="organisation",
        to_field_name="slug",
        empty_label=_("Alle Partner"),
        widget=PlainSelect,
    )

    class Meta:
        model = Post
        fields = ["kind", "organisation"]
