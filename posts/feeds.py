from django.conf import settings
from django.contrib.syndication.views import Feed
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from netzwerk.pagecache import cache_public_page
from posts.models import Post


class PostFeed(Feed):
    """The published posts as an Atom feed, newest first."""

    feed_type = Atom1Feed
    title = _("Netzwerk Bürgermitwirkung Hannover – Aktuelles")
    subtitle = _("Neuigkeiten und Veranstaltungen der Partner des Netzwerks")

    @method_decorator(cache_public_page)
    def __call__(self, request, *args, **kwargs):
        return super().__call__(request, *args, **kwargs)

    def link(self):
        return reverse("posts:list")

    def items(self):
        return Post.objects.published().select_related("organisation")[:30]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        # The body is rendered and sanitised (render_markdown); the template escapes the rest.
        return render_to_string("posts/includes/_feed_item.html", {"post": item})

    def item_link(self, item):
        return item.get_absolute_url()

    def item_guid(self, item):
        return f"{settings.SITE_URL.rstrip('/')}/aktuelles/#beitrag-{item.pk}"

    def item_guid_is_permalink(self, item):
        return False

    def item_author_name(self, item):
        return item.organisation.name

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_categories(self, item):
        return [item.get_kind_display()]
