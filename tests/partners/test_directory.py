import html
import re
from http import HTTPStatus
from urllib.parse import urljoin

import pytest
from django.db import connection
from django.template import Template
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from partners.models import FieldOfEngagement, Organisation
from tests.factories import ContactFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def _partners(count, prefix="Partner"):
    bildung = FieldOfEngagement.objects.get(slug="bildung")
    for number in range(count):
        organisation = OrganisationFactory(name=f"{prefix} {number:03d}")
        organisation.fields.add(bildung)


def test_directory_shows_active_partners_only_alphabetically(client):
    OrganisationFactory(name="Zebra Verein")
    OrganisationFactory(name="Ahorn Initiative")
    OrganisationFactory(name="Bewerber", status=Organisation.Status.APPLICANT, joined_on=None)
    OrganisationFactory(name="Ehemalige", status=Organisation.Status.LEFT)
    response = client.get(reverse("partners:list"))
    names = [o.name for o in response.context["object_list"]]
    assert names == ["Ahorn Initiative", "Zebra Verein"]


def test_directory_search_and_filters(client):
    kultur = FieldOfEngagement.objects.get(slug="kultur")
    theatre = OrganisationFactory(
        name="Theater im Keller", district="linden-limmer", description="Bühne für alle"
    )
    theatre.fields.add(kultur)
    OrganisationFactory(name="Sportverein Nord", district="nord", description="Fußball")
    url = reverse("partners:list")

    def names(query):
        return [o.name for o in client.get(url + query).context["object_list"]]

    assert names("?q=bühne") == ["Theater im Keller"]
    assert names("?q=sportverein") == ["Sportverein Nord"]
    assert names("?district=nord") == ["Sportverein Nord"]
    assert names("?field=kultur") == ["Theater im Keller"]
    assert names("?field=kultur&district=nord") == []


def test_empty_directory_says_what_to_try(client):
    response = client.get(reverse("partners:list") + "?q=gibtsnicht")
    assert "Keine Partner gefunden" in response.text
    assert "zeigen Sie alle Partner" in response.text


def test_directory_pages_by_24(client):
    _partners(30)
    response = client.get(reverse("partners:list"))
    assert len(response.context["object_list"]) == 24
    response = client.get(reverse("partners:list") + "?page=2")
    assert len(response.context["object_list"]) == 6


def _follow(client, url, label):
    """Follow the link with this text as a browser would (relative to the page's URL);
    return the new URL and the response."""
    page = client.get(url)
    href = re.search(rf'<a [^>]*href="([^"]*)"[^>]*>{label}</a>', page.text).group(1)
    target = urljoin(f"http://testserver{url}", html.unescape(href)).removeprefix(
        "http://testserver"
    )
    return target, client.get(target)


def test_next_page_link_shows_page_two(client):
    _partners(30)
    _url, response = _follow(client, reverse("partners:list"), "Nächste Seite")
    assert "Seite 2 von 2" in response.text
    assert len(response.context["object_list"]) == 6


def test_next_page_link_keeps_search_and_filter(client):
    _partners(30, prefix="Bildungspartner")
    _partners(30, prefix="Sportverein")
    first = reverse("partners:list") + "?q=bildungspartner&field=bildung"

    second, response = _follow(client, first, "Nächste Seite")

    assert "Seite 2 von 2" in response.text
    names = [o.name for o in response.context["object_list"]]
    assert names == [f"Bildungspartner {number:03d}" for number in range(24, 30)]
    _first, response = _follow(client, second, "Vorherige Seite")
    assert "Seite 1 von 2" in response.text
    assert response.context["filter"].form.cleaned_data["q"] == "bildungspartner"


def test_invalid_filter_values_are_no_server_error(client):
    response = client.get(reverse("partners:list") + "?district=mond&field=<script>&page=x")
    assert response.status_code in (HTTPStatus.OK, HTTPStatus.NOT_FOUND)


def test_directory_query_count_does_not_grow_with_the_network(client):
    def count_queries():
        with CaptureQueriesContext(connection) as context:
            assert client.get(reverse("partners:list")).status_code == HTTPStatus.OK
        return len(context)

    _partners(10)
    small = count_queries()
    _partners(190, prefix="Weitere")
    assert count_queries() == small


def test_profile_shows_data_and_only_consented_contacts(client, partner_org):
    partner_org.fields.add(FieldOfEngagement.objects.get(slug="umwelt"))
    ContactFactory(
        organisation=partner_org,
        user=None,
        name="Öffentliche Person",
        email="oeffentlich@example.org",
        public_consent_at=timezone.now(),
    )
    ContactFactory(
        organisation=partner_org, user=None, name="Private Person", email="privat@example.org"
    )
    response = client.get(partner_org.get_absolute_url())
    assert response.status_code == HTTPStatus.OK
    assert "Öffentliche Person" in response.text
    assert "oeffentlich@example.org" in response.text
    assert "Private Person" not in response.text
    assert "privat@example.org" not in response.text
    assert "Umwelt" in response.text
    assert "Mitte" in response.text
    assert "Partner seit" in response.text


def test_script_in_description_is_escaped(client, partner_org):
    partner_org.description = "<script>alert('x')</script>"
    partner_org.save()
    response = client.get(partner_org.get_absolute_url())
    assert "<script>alert" not in response.text
    assert "&lt;script&gt;" in response.text


def test_profile_renders_other_apps_profile_sections(client, partner_org):
    from core import registry

    def profile_sections(request, organisation):
        template = Template("<section><h2>Abschnitt für {{ section.name }}</h2></section>")
        return [{"template": template, "name": organisation.name}]

    with registry.contributing("test_app", profile_sections=profile_sections):
        response = client.get(partner_org.get_absolute_url())
    assert "Abschnitt für Nachbarschaft Linden" in response.text


def test_logo_is_served_through_a_view_only_for_active_partners(client, partner_org):
    from django.core.files.base import ContentFile

    from tests.partners.factories import png_bytes

    partner_org.logo.save("logo.png", ContentFile(png_bytes()), save=True)
    response = client.get(reverse("partners:logo", kwargs={"slug": partner_org.slug}))
    assert response.status_code == HTTPStatus.OK
    assert response["Content-Type"] == "image/png"
    partner_org.status = Organisation.Status.LEFT
    partner_org.save()
    response = client.get(reverse("partners:logo", kwargs={"slug": partner_org.slug}))
    assert response.status_code == HTTPStatus.NOT_FOUND


def test_overlong_search_is_no_server_error(client):
    response = client.get(reverse("partners:list"), {"q": "wort " * 5000})
    assert response.status_code == HTTPStatus.OK
