import datetime

import pytest
from django.utils import timezone

from tests.factories import OrganisationFactory
from tests.posts.factories import PostFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def posts(partner_org):
    start = timezone.localtime().replace(hour=18, minute=0, second=0, microsecond=0)
    items = [
        PostFactory(
            organisation=partner_org,
            published=True,
            event=True,
            title="Sommerfest am Lindener Eck",
            teaser="Musik, Kuchen und ein Flohmarkt für die ganze Nachbarschaft.",
            starts_at=start + datetime.timedelta(days=12),
            ends_at=start + datetime.timedelta(days=12, hours=3),
            place="Lindener Marktplatz",
            carries_seal=True,
            with_image=True,
        ),
        PostFactory(
            organisation=partner_org,
            published=True,
            title="Neue Sprechstunde für Engagierte",
            teaser="Jeden Dienstag beraten wir Menschen, die sich engagieren möchten.",
            body="## Wann\n\nJeden **Dienstag**.\n\n- offen für alle\n- ohne Anmeldung",
        ),
        PostFactory(
            organisation=OrganisationFactory(name="Repair-Café List", slug="repair-cafe-list"),
            published=True,
            event=True,
            starts_at=start + datetime.timedelta(days=5, hours=-7),
            ends_at=start + datetime.timedelta(days=5, hours=-4),
            title="Repair-Café: Reparieren statt wegwerfen",
            teaser="Bringen Sie kaputte Geräte mit – wir reparieren gemeinsam.",
            place="Stadtteilzentrum List",
        ),
    ]
    return items


def test_post_list_has_no_axe_violations_and_is_photographed(
    page, live_server, posts, assert_accessible, screenshot
):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{live_server.url}/aktuelles/")
    assert page.locator("main h1").inner_text() == "Aktuelles"
    assert page.get_by_role("link", name="Sommerfest am Lindener Eck").first.is_visible()
    assert_accessible(page)
    screenshot(page, "aktuelles")
    page.get_by_label("Art", exact=True).select_option("news")
    page.get_by_role("button", name="Filtern").click()
    page.wait_for_load_state()
    main = page.locator("main .col-lg-8")
    assert main.get_by_text("Neue Sprechstunde für Engagierte").is_visible()
    assert main.get_by_text("Sommerfest am Lindener Eck").count() == 0
    assert_accessible(page)


def test_post_detail_has_no_axe_violations(page, live_server, posts, assert_accessible):
    page.goto(f"{live_server.url}{posts[0].get_absolute_url()}")
    assert page.locator("main h1").inner_text() == "Sommerfest am Lindener Eck"
    assert page.locator("img.post-image").evaluate("img => img.naturalWidth") > 0
    assert_accessible(page)
    page.goto(f"{live_server.url}{posts[1].get_absolute_url()}")
    assert_accessible(page)


def test_partner_writes_a_draft_in_an_accessible_form(
    page, live_server, partner_contact, login, assert_accessible
):
    login(page, partner_contact)
    page.goto(f"{live_server.url}/aktuelles/neu/")
    assert page.locator("main h1").inner_text() == "Beitrag schreiben"
    assert_accessible(page)
    page.get_by_label("Titel").fill("Lesung im Park")
    page.get_by_label("Kurztext").fill("Wir lesen vor.")
    page.get_by_role("button", name="Entwurf speichern").click()
    page.wait_for_load_state()
    assert page.locator("main h1").inner_text() == "Lesung im Park"
    assert "Vorschau" in page.locator("main").inner_text()
    assert_accessible(page)


def test_home_with_posts_has_no_axe_violations(page, live_server, posts, assert_accessible):
    page.goto(f"{live_server.url}/")
    section = page.locator("section[aria-labelledby=home-posts-title]")
    assert section.get_by_role("link", name="Sommerfest am Lindener Eck").is_visible()
    assert_accessible(page)


def test_coordinator_moderates_in_accessible_pages(
    page, live_server, partner_org, coordinator, login, assert_accessible
):
    waiting = PostFactory(organisation=partner_org, submitted=True, title="Bitte freigeben")
    login(page, coordinator)
    page.goto(f"{live_server.url}/aktuelles/moderation/")
    assert_accessible(page)
    page.locator("main a[href$='/ablehnen/']").click()
    page.wait_for_load_state()
    assert_accessible(page)
    page.get_by_label("Grund der Ablehnung").fill("Bitte ergänzen Sie den Ort.")
    page.get_by_role("button", name="Ablehnen").click()
    page.wait_for_load_state()
    assert "Keine Beiträge warten auf Freigabe." in page.locator("main").inner_text()
    waiting.refresh_from_db()
    assert waiting.rejection_reason == "Bitte ergänzen Sie den Ort."


def test_moderation_queue_fits_a_phone_screen(page, live_server, login, coordinator, partner_org):
    for number in range(3):
        PostFactory(
            organisation=partner_org,
            title=f"Ein recht langer Titel für den eingereichten Beitrag Nummer {number}",
            status="submitted",
            submitted_at=timezone.now(),
        )
    page.set_viewport_size({"width": 375, "height": 800})
    login(page, coordinator)
    page.goto(f"{live_server.url}/aktuelles/moderation/")
    assert page.locator("main table tbody tr").count() == 3
    # The table scrolls in its own box; the page itself does not scroll sideways.
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
