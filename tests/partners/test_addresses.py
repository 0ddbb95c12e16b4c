"""German names in addresses and in the directory's search (issue 17, item 5)."""

from http import HTTPStatus
from importlib import import_module

import pytest
from django.apps import apps
from django.urls import reverse

from core.search import fold, german_slug
from partners import services
from partners.models import Organisation, OrganisationSlugAlias
from tests.factories import OrganisationFactory, UserFactory
from tests.partners.admin_post import admin_change_data
from tests.partners.factories import representative_of

pytestmark = pytest.mark.django_db


def test_german_letters_are_spelled_out_in_addresses():
    assert german_slug("Theatergruppe Limmerstraße") == "theatergruppe-limmerstrasse"
    assert german_slug("Bürgerstiftung am Maschsee") == "buergerstiftung-am-maschsee"
    assert german_slug("ÖKO-Börse Süd") == "oeko-boerse-sued"
    assert german_slug("Repair-Café List") == "repair-cafe-list"


def test_folding_makes_umlauts_spellings_accents_and_case_alike():
    assert fold("Ehrenamtsbörse DÖHREN") == fold("ehrenamtsboerse doehren")
    assert fold("Limmerstraße") == fold("LIMMERSTRASSE")
    assert fold("Café") == "cafe"


def test_an_application_gets_a_german_address(client):
    applicant = UserFactory()
    organisation = services.save_application(
        by=applicant,
        data={"name": "Theatergruppe Limmerstraße", "district": "linden-limmer"},
    )
    assert organisation.slug == "theatergruppe-limmerstrasse"


def test_demo_partners_get_german_addresses(settings):
    from partners import demo

    settings.DEBUG = True
    demo.seed(stdout=type("Out", (), {"write": lambda self, text: None})(), password="x" * 12)
    slugs = set(Organisation.objects.values_list("slug", flat=True))
    assert "buergerstiftung-am-maschsee" in slugs
    assert "theatergruppe-limmerstrasse" in slugs
    assert "ehrenamtsboerse-doehren" in slugs
    assert not {"burgerstiftung-am-maschsee", "theatergruppe-limmerstrae"} & slugs


def test_demo_partners_sit_in_the_district_their_name_points_to(settings):
    from partners import demo

    settings.DEBUG = True
    demo.seed(stdout=type("Out", (), {"write": lambda self, text: None})(), password="x" * 12)
    district = dict(Organisation.objects.values_list("name", "district"))
    assert district["Demokratiewerkstatt Mitte"] == "mitte"
    assert district["Ehrenamtsbörse Döhren"] == "doehren-wuelfel"
    assert district["Theatergruppe Limmerstraße"] == "linden-limmer"
    assert district["Seniorennetz Südstadt"] == "suedstadt-bult"
    assert district["Integrationslotsen Stöcken"] == "herrenhausen-stoecken"


def test_renaming_moves_the_address_and_the_old_one_redirects_permanently(client):
    organisation = OrganisationFactory(name="Lesewelt Mitte")
    user = representative_of(organisation)
    services.update_organisation(
        organisation=organisation, by=user, data={"name": "Lesewelt Südstadt"}
    )
    organisation.refresh_from_db()
    assert organisation.slug == "lesewelt-suedstadt"
    response = client.get("/partner/lesewelt-mitte/")
    assert response.status_code == HTTPStatus.MOVED_PERMANENTLY
    assert response["Location"] == "/partner/lesewelt-suedstadt/"
    assert client.get("/partner/lesewelt-suedstadt/").status_code == HTTPStatus.OK


def test_an_earlier_address_is_not_given_to_another_organisation(client):
    first = OrganisationFactory(name="Lesewelt Mitte")
    services.update_organisation(
        organisation=first, by=representative_of(first), data={"name": "Lesewelt Nord"}
    )
    user = UserFactory()
    newcomer = services.save_application(
        by=user, data={"name": "Lesewelt Mitte", "district": "mitte"}
    )
    assert newcomer.slug == "lesewelt-mitte-2"


def test_renaming_back_gives_the_organisation_its_earlier_address_again(client):
    first = OrganisationFactory(name="Lesewelt Mitte")
    user = representative_of(first)
    services.update_organisation(organisation=first, by=user, data={"name": "Lesewelt Nord"})
    services.update_organisation(organisation=first, by=user, data={"name": "Lesewelt Mitte"})
    first.refresh_from_db()
    assert first.slug == "lesewelt-mitte"
    assert list(first.slug_aliases.values_list("slug", flat=True)) == ["lesewelt-nord"]
    assert client.get("/partner/lesewelt-nord/")["Location"] == "/partner/lesewelt-mitte/"


def test_an_unknown_or_inactive_address_stays_not_found(client):
    left = OrganisationFactory(name="Ehemalige Initiative", status=Organisation.Status.LEFT)
    OrganisationSlugAlias.objects.create(organisation=left, slug="alte-initiative")
    assert client.get("/partner/alte-initiative/").status_code == HTTPStatus.NOT_FOUND
    assert client.get("/partner/gibt-es-nicht/").status_code == HTTPStatus.NOT_FOUND


def test_the_migration_gives_existing_partners_german_addresses_and_keeps_the_old(client):
    migration = import_module("partners.migrations.0009_folded_search_and_slug_aliases")
    stiftung = OrganisationFactory(
        name="Bürgerstiftung am Maschsee", slug="burgerstiftung-am-maschsee"
    )
    theatre = OrganisationFactory(
        name="Theatergruppe Limmerstraße", slug="theatergruppe-limmerstrae"
    )
    chosen = OrganisationFactory(name="Börse Süd", slug="unsere-boerse")
    Organisation.objects.filter(pk=stiftung.pk).update(search_text="")
    migration.fill_search_text_and_reslug(apps, None)
    stiftung.refresh_from_db()
    theatre.refresh_from_db()
    chosen.refresh_from_db()
    assert stiftung.slug == "buergerstiftung-am-maschsee"
    assert theatre.slug == "theatergruppe-limmerstrasse"
    assert chosen.slug == "unsere-boerse"  # chosen by hand, not a lossy slugify()
    assert stiftung.search_text.startswith("buergerstiftung am maschsee")
    response = client.get("/partner/theatergruppe-limmerstrae/")
    assert response.status_code == HTTPStatus.MOVED_PERMANENTLY
    assert response["Location"] == "/partner/theatergruppe-limmerstrasse/"


@pytest.mark.parametrize(
    "query",
    ["boerse", "Börse", "BÖRSE", "ehrenamtsborse doehren", "EhrenamtsBoerse"],
)
def test_directory_search_finds_umlauts_however_typed(client, query):
    OrganisationFactory(name="Ehrenamtsbörse Döhren", description="Vermittelt Ehrenamt.")
    OrganisationFactory(name="Sportverein Nord", description="Fußball im Norden.")
    response = client.get(reverse("partners:list"), {"q": query})
    names = [o.name for o in response.context["object_list"]]
    if query == "ehrenamtsborse doehren":
        # "o" for "ö" is a misspelling, not a German spelling: no match.
        assert names == []
    else:
        assert names == ["Ehrenamtsbörse Döhren"]


@pytest.mark.parametrize("query", ["strasse", "Straße", "STRASSE", "fussball", "café", "CAFE"])
def test_directory_search_treats_sharp_s_accents_and_case_alike(client, query):
    OrganisationFactory(name="Theatergruppe Limmerstraße", description="Café und Fußball.")
    OrganisationFactory(name="Sportverein Nord", description="Laufen im Norden.")
    response = client.get(reverse("partners:list"), {"q": query})
    assert [o.name for o in response.context["object_list"]] == ["Theatergruppe Limmerstraße"]


def test_the_search_column_follows_every_save():
    organisation = OrganisationFactory(name="Lesewelt", description="Bücher")
    organisation.name = "Straßenfest"
    organisation.save(update_fields=["name"])
    assert Organisation.objects.search("strassenfest").get() == organisation
    assert Organisation.objects.search("buecher").get() == organisation


def test_on_postgresql_the_folded_column_has_the_trigram_index():
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("trigram indexes exist on PostgreSQL only")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'partners_organisation'"
        )
        indexes = dict(cursor.fetchall())
    assert "gin_trgm_ops" in indexes["organisation_search_text_trgm"]
    assert "organisation_name_trgm" not in indexes


def test_renaming_in_the_admin_keeps_the_old_address_as_a_redirect(client, client_as):
    # The admin goes through the same service as the profile page: the address follows
    # the name, the old one answers 301 (issue 17: it used to simply vanish).
    organisation = OrganisationFactory(name="Lesewelt Mitte")
    admin = client_as("coordinator")
    url = reverse("admin:partners_organisation_change", args=[organisation.pk])
    page = admin.get(url)
    assert page.status_code == HTTPStatus.OK
    assert "slug" not in page.context["adminform"].form.fields  # read-only: it follows the name
    response = admin.post(url, admin_change_data(page, name="Lesewelt Südstadt"))
    assert response.status_code == HTTPStatus.FOUND
    organisation.refresh_from_db()
    assert (organisation.name, organisation.slug) == ("Lesewelt Südstadt", "lesewelt-suedstadt")
    assert list(organisation.slug_aliases.values_list("slug", flat=True)) == ["lesewelt-mitte"]
    response = client.get("/partner/lesewelt-mitte/")
    assert response.status_code == HTTPStatus.MOVED_PERMANENTLY
    assert response["Location"] == "/partner/lesewelt-suedstadt/"


def test_the_admin_refuses_another_organisations_name_with_a_form_error(client_as):
    OrganisationFactory(name="Schon Da")
    organisation = OrganisationFactory(name="Lesewelt Mitte")
    admin = client_as("coordinator")
    url = reverse("admin:partners_organisation_change", args=[organisation.pk])
    response = admin.post(url, admin_change_data(admin.get(url), name="schon da"))
    assert response.status_code == HTTPStatus.OK
    assert "bereits im Netzwerk" in response.text
    organisation.refresh_from_db()
    assert (organisation.name, organisation.slug) == ("Lesewelt Mitte", "lesewelt-mitte")
    assert not organisation.slug_aliases.exists()


def test_an_organisation_added_in_the_admin_gets_the_address_of_its_name(client_as):
    admin = client_as("coordinator")
    url = reverse("admin:partners_organisation_add")
    data = admin_change_data(
        admin.get(url), name="Theatergruppe Limmerstraße", district="linden-limmer", fields=None
    )
    response = admin.post(url, data)
    assert response.status_code == HTTPStatus.FOUND, response.context["adminform"].form.errors
    assert Organisation.objects.get(name="Theatergruppe Limmerstraße").slug == (
        "theatergruppe-limmerstrasse"
    )
