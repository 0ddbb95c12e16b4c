from dataclasses import dataclass, field
from datetime import datetime

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core import registry
from core.fragments import cached_value, visitor_variant
from core.network import get_network
from core.pagecache import cache_public_page
from posts.models import Post

FEED_LENGTH = 30


@dataclass
class FeedEntry:
    """An entry other apps add to the feed (hook `feed_entries`, e.g. public circulars)."""

    title: str
    description: str
    link: str
    guid: str
    author: str
    pubdate: datetime
    updateddate: datetime
    categories: list = field(default_factory=list)


class PostFeed(Feed):
    """The published posts as an Atom feed, newest first."""

    feed_type = Atom1Feed

    def title(self):
        return gettext("%(network)s – Aktuelles") % {"network": get_network().short_name_display}

    subtitle = _("Neuigkeiten und Veranstaltungen der Partner des Netzwerks")

    @method_decorator(cache_public_page)
    def __call__(self, request, *args, **kwargs):
        def render():
            response = super(PostFeed, self).__call__(request, *args, **kwargs)
            response.content = response.content  # one chunk, to be kept
            return response

        # Kept until posts, partners, circulars or the network's name change
        # (core/fragments.py): the feed shows published entries, whatever the time.
        return cached_value(
            "posts:feed",
            ("posts", "partners", "circulars", "netzwerk"),
            render,
            vary=(visitor_variant(request),),
            keep=lambda response: response.status_code == 200,
        )

    def link(self):
        return reverse("posts:list")

    def items(self):
        posts = list(Post.objects.published().select_related("organisation")[:FEED_LENGTH])
        others = [entry for function in registry.providers("feed_entries") for entry in function()]
        if not others:
            return posts
        merged = posts + others
        merged.sort(key=self.item_pubdate, reverse=True)
        return merged[:FEED_LENGTH]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        if isinstance(item, FeedEntry):
            return item.description
        # The body is rendered and sanitised (render_markdown); the template escapes the rest.
        return render_to_string("posts/includes/_feed_item.html", {"post": item})

    def item_link(self, item):
        return item.link if isinstance(item, FeedEntry) else item.get_absolute_url()

    def item_guid(self, item):
        if isinstance(item, FeedEntry):
            return item.guid
        return f"{settings.SITE_URL.rstrip('/')}/aktuelles/#beitrag-{item.pk}"

    def item_guid_is_permalink(self, item):
        return False

    def item_author_name(self, item):
        return item.author if isinstance(item, FeedEntry) else item.organisation.name

    def item_pubdate(self, item):
        return item.pubdate if isinstance(item, FeedEntry) else item.published_at

    def item_updateddate(self, item):
        return item.updateddate if isinstance(item, FeedEntry) else item.updated_at

    def item_categories(self, item):
        return item.categories if isinstance(item, FeedEntry) else [item.get_kind_display()]
