import html
import re
from http import HTTPStatus

import pytest
from django.contrib.staticfiles import finders
from django.test import Client
from django.urls import reverse

from partners.models import AgreementVersion

pytestmark = pytest.mark.django_db


def test_first_agreement_version_is_the_cleaned_seed():
    version = AgreementVersion.objects.current()
    assert version.number == 1
    assert version.title == "Kooperationsvereinbarung"
    assert "\ufffd" not in version.text
    assert "Zivilgesellschaft" in version.text
    assert "Kalenderjahres" in version.text
    # No word is split across a line break, and no hyphen is left before a space
    # except in genuine compounds such as "Informations- und".
    assert "-\n" not in version.text
    assert "Informations- und Erfahrungsaustausch" in version.text
    assert [number for number, _ in version.paragraphs() if number] == [1, 2, 3, 4, 5, 6]
    assert version.sha256 == AgreementVersion.compute_sha256(version.text)


def test_home_page_shows_the_network_and_its_principles(client):
    response = client.get(reverse("home"))
    assert response.status_code == HTTPStatus.OK
    assert "Netzwerk Bürgermitwirkung" in response.text
    for principle in ["Kommunikation", "Transparenz", "Akzeptanz", "Vertrauen", "Verlässlichkeit"]:
        assert principle in response.text


def test_agreement_page_shows_the_current_version(client):
    version = AgreementVersion.objects.current()
    response = client.get(reverse("netzwerk"))
    assert "Sprechergruppe" in response.text
    assert version.sha256 in response.text


def test_agreement_page_ends_with_what_the_declaration_means_and_where_to_sign(client):
    page = client.get(reverse("netzwerk")).text
    heading = "Erklärung zur Mitarbeit im Netzwerk Bürgermitwirkung in der Stadt Hannover"
    section = page.split(f'<h2 id="declaration-title">{heading}</h2>', 1)[1].split("</section>")[0]
    assert "unterzeichnet für seine Organisation diese Erklärung" in section
    assert f'href="{reverse("partners:join")}"' in section
    # The heading is not left as the text's last, empty paragraph.
    assert f'<p class="fw-bold mt-4">{heading}</p>' not in page


def test_unknown_path_gives_the_german_404_page(client):
    response = client.get("/gibt-es-nicht/")
    assert response.status_code == HTTPStatus.NOT_FOUND
    assert "Seite nicht gefunden" in response.text
    assert "Traceback" not in response.text


def test_forbidden_page_is_german(client_as):
    response = client_as("stranger").get(reverse("coordination"))
    assert response.status_code == HTTPStatus.FORBIDDEN
    assert "Zugriff verweigert" in response.text


def test_server_error_page_is_german_without_traceback(rf):
    from django.views.defaults import server_error

    response = server_error(rf.get("/"))
    assert response.status_code == HTTPStatus.INTERNAL_SERVER_ERROR
    assert "Da ist etwas schiefgegangen" in response.content.decode()
    assert "Traceback" not in response.content.decode()


@pytest.mark.parametrize(
    "name", ["impressum", "datenschutz", "barrierefreiheit", "leichte_sprache"]
)
def test_site_pages_are_linked_from_every_page(client, name):
    response = client.get(reverse("home"))
    assert f'href="{reverse(name)}"' in response.text


def test_privacy_notice_says_declarations_outlive_accounts(client):
    assert "Erklärung zur Mitarbeit" in client.get(reverse("datenschutz")).text


def test_coordinator_can_edit_site_pages(client_as):
    client = client_as("coordinator")
    page = client.get(reverse("barrierefreiheit"))
    assert "Seite bearbeiten" in page.text
    from core.models import SitePage

    sitepage = SitePage.objects.get(slug="barrierefreiheit")
    url = reverse("admin:netzwerk_sitepage_change", args=[sitepage.pk])
    response = client.post(
        url,
        {
            "slug": "barrierefreiheit",
            "title": "Barrierefreiheit",
            "body": "Neuer Text mit <script>x</script>",
        },
    )
    assert response.status_code == HTTPStatus.FOUND
    page = Client().get(reverse("barrierefreiheit"))
    assert "Neuer Text" in page.text
    assert "<script>x</script>" not in page.text


def test_partner_contact_does_not_see_the_edit_link(client_as):
    assert "Seite bearbeiten" not in client_as("partner_contact").get(reverse("impressum")).text


def test_coordination_overview_redirects_anonymous_to_login(client):
    response = client.get(reverse("coordination"))
    assert response.status_code == HTTPStatus.FOUND
    assert response.url.startswith(reverse("account_login"))


def test_speaker_group_reads_the_coordination_overview(client_as):
    response = client_as("speaker").get(reverse("coordination"))
    assert response.status_code == HTTPStatus.OK
    assert "zum Lesen" in response.text


def test_admin_is_german_and_for_coordinators(client_as):
    response = client_as("coordinator").get(reverse("admin:index"))
    assert response.status_code == HTTPStatus.OK
    assert "Verwaltung" in response.text
    assert (
        client_as("partner_contact").get(reverse("admin:index")).status_code == HTTPStatus.FORBIDDEN
    )


def test_accessibility_statement_says_what_is_tested(client):
    text = " ".join(client.get(reverse("barrierefreiheit")).text.split())
    assert "allein mit der Tastatur" in text
    assert "Nu Html Checker" in text
    assert "für jede Rolle" in text
    assert "nicht barrierefrei getaggt" in text


def test_an_edited_accessibility_statement_is_kept_by_the_update(db):
    from importlib import import_module

    from django.apps import apps

    from core.models import SitePage

    SitePage.objects.filter(slug="barrierefreiheit").update(body="Unser eigener Text.")
    import_module("core.migrations.0003_accessibility_statement_what_was_tested").update_statement(
        apps, None
    )
    assert SitePage.objects.get(slug="barrierefreiheit").body == "Unser eigener Text."


def test_every_page_has_an_icon_and_favicon_ico_finds_it(client):
    response = client.get(reverse("home"))
    icon = re.search(r'<link rel="icon" href="([^"]+)"', response.text).group(1)
    path = finders.find(icon.removeprefix("/static/"))
    assert path, f"{icon} is not a static file"
    with open(path, encoding="utf-8") as svg:
        assert svg.read().startswith("<svg")
    # Browsers ask for /favicon.ico on their own.
    response = client.get("/favicon.ico")
    assert response.status_code == HTTPStatus.FOUND
    assert response.url == icon


def _description(page):
    found = re.findall(r'<meta name="description" content="([^"]*)">', page)
    assert len(found) == 1, found
    return html.unescape(found[0])


def test_every_page_describes_itself_for_search_engines(client):
    from tests.factories import OrganisationFactory
    from tests.posts.factories import PostFactory

    organisation = OrganisationFactory(name="Lesewelt Mitte", description="Wir lesen vor.")
    post = PostFactory(published=True, teaser="Sommerfest mit Kuchen im Lindener Eck.")
    default = _description(client.get("/gibt-es-nicht/").text)
    assert default.startswith("Das Netzwerk Bürgermitwirkung in der Stadt Hannover")
    descriptions = {}
    for url in [
        reverse("home"),
        reverse("netzwerk"),
        reverse("partners:list"),
        reverse("partners:join"),
        reverse("posts:list"),
        reverse("meetings:list"),
        reverse("workgroups:list"),
    ]:
        text = _description(client.get(url).text)
        assert 50 <= len(text) <= 170, (url, text)
        descriptions[url] = text
    assert default not in descriptions.values()
    assert len(set(descriptions.values())) == len(descriptions)
    assert _description(client.get(organisation.get_absolute_url()).text) == "Wir lesen vor."
    assert _description(client.get(post.get_absolute_url()).text) == post.teaser
