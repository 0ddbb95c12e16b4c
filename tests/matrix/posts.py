"""Posts: public reading, partner contacts write their organisation's, coordinators moderate."""

from posts.models import Post
from tests.matrix import COORDINATORS, PUBLIC, Row, expect
from tests.posts.factories import PostFactory

AUTHORS = expect(302, 403, 200, 200, 200, 403)
# The speaker fixture is a contact of another organisation: the post is out of its scope.
OWN_ORGANISATION = expect(302, 403, 200, 200, 404, 403)
# Not published: only the own organisation and the coordinators see the preview.
PREVIEW = expect(404, 404, 200, 200, 404, 200)

# Posts are written and deleted by their organisation, moderated on the site: the admin
# edits their content only.
ADMIN_REFUSED = {"admin:posts_post_add", "admin:posts_post_delete"}


def _slug(attribute):
    return lambda world: {"slug": getattr(world, attribute).slug}


ROWS = [
    Row("posts:list", PUBLIC),
    Row("posts:list", PUBLIC, query="?kind=event&organisation=nachbarschaft-linden"),
    Row("posts:feed", PUBLIC),
    Row("posts:calendar", PUBLIC),
    Row("posts:detail", PUBLIC, kwargs=_slug("post")),
    Row("posts:detail", PREVIEW, kwargs=_slug("submitted_post")),
    Row("posts:image", PUBLIC, kwargs=_slug("post")),
    Row("posts:image", PREVIEW, kwargs=_slug("draft_post"), note="drafts' images stay private"),
    Row("posts:mine", AUTHORS),
    Row("posts:create", AUTHORS),
    Row("posts:update", OWN_ORGANISATION, kwargs=_slug("draft_post")),
    Row("posts:submit", OWN_ORGANISATION, kwargs=_slug("draft_post")),
    Row("posts:delete", OWN_ORGANISATION, kwargs=_slug("draft_post")),
    Row("posts:moderation", COORDINATORS),
    Row("posts:publish", COORDINATORS, kwargs=_slug("submitted_post")),
    Row("posts:reject", COORDINATORS, kwargs=_slug("submitted_post")),
]


def build(world):
    author = world.users["partner_contact"]
    world.post = PostFactory(
        organisation=world.partner_org, author=author, published=True, event=True, with_image=True
    )
    world.submitted_post = PostFactory(
        organisation=world.partner_org, author=author, submitted=True
    )
    world.draft_post = PostFactory(organisation=world.partner_org, author=author, with_image=True)
    assert world.draft_post.status == Post.Status.DRAFT
