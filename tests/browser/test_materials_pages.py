import pytest

from materials import services
from materials.models import Document
from tests.materials.factories import DocumentFactory, SealFileFactory, SealTermsFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def seal(db):
    terms = SealTermsFactory(
        text="Das Gütesiegel wird nur für Aktivitäten im Sinne der Leitgedanken genutzt.\n\n"
        "- unverändert verwenden\n- mit dem Austritt endet das Recht"
    )
    SealFileFactory(title="Gütesiegel farbig", description="PNG, für Bildschirm und Druck")
    SealFileFactory(title="Gütesiegel schwarz-weiß", description="PNG, einfarbig")
    return terms


def test_seal_page_is_public_and_accessible(page, live_server, seal, assert_accessible):
    page.goto(f"{live_server.url}/materialien/guetesiegel/")
    assert page.locator("main h1").inner_text() == "Das Gütesiegel des Netzwerks"
    assert "unverändert verwenden" in page.locator("main").inner_text()
    assert_accessible(page)


def test_materials_page_is_accessible_and_photographed(
    page,
    live_server,
    seal,
    partner_org,
    representative,
    partner_contact,
    login,
    assert_accessible,
    screenshot,
):
    services.accept_seal_terms(organisation=partner_org, terms=seal, by=representative)
    DocumentFactory(
        title="Präsentationsmappe",
        description="Das Netzwerk auf drei Seiten.",
        audience=Document.Audience.PARTNERS,
        version="1.0",
    )
    DocumentFactory(title="Das Netzwerk in Kürze", audience=Document.Audience.PUBLIC)
    login(page, partner_contact)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{live_server.url}/materialien/")
    assert page.locator("main h1").inner_text() == "Materialien"
    assert page.get_by_role("link", name="Präsentationsmappe").is_visible()
    assert page.get_by_role("link", name="Gütesiegel farbig herunterladen (PNG)").is_visible()
    assert_accessible(page)
    screenshot(page, "materialien")


def test_representative_accepts_the_terms_in_an_accessible_form(
    page, live_server, seal, representative, login, assert_accessible
):
    login(page, representative)
    page.goto(f"{live_server.url}/materialien/guetesiegel/nutzungsbedingungen/")
    assert_accessible(page)
    page.get_by_label("Ich habe die Nutzungsbedingungen gelesen").check()
    page.get_by_role("button", name="Nutzungsbedingungen annehmen").click()
    page.wait_for_load_state()
    assert page.locator("main h1").inner_text() == "Materialien"
    assert "darf das Gütesiegel seit dem" in page.locator("main").inner_text()
    assert_accessible(page)
