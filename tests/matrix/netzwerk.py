from netzwerk.models import SitePage
from tests.matrix import COORDINATION_READ, LOGGED_IN, PUBLIC, Row, expect

ROWS = [
    Row("home", PUBLIC),
    Row("netzwerk", PUBLIC),
    Row("impressum", PUBLIC),
    Row("datenschutz", PUBLIC),
    Row("barrierefreiheit", PUBLIC),
    Row("leichte_sprache", PUBLIC),
    Row("coordination", COORDINATION_READ),
    Row("account_overview", LOGGED_IN),
    Row("account_data", LOGGED_IN),
    Row("account_delete", LOGGED_IN),
    # set_language is POST only and redirects back.
    Row(
        "set_language", expect(302, 302, 302, 302, 302, 302), method="post", data={"language": "en"}
    ),
]


def build(world):
    # Pages come from a data migration, which records no history: edit one.
    page = SitePage.objects.get(slug=SitePage.Slug.IMPRESSUM)
    page.save()
    world.site_page = page
