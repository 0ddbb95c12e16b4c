"""The network's identity as data: NetworkSettings, its page, its cache and its districts."""

import io
from importlib import import_module

import pytest
from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from core.models import DEFAULT_DISTRICTS, NetworkSettings
from core.network import get_network
from netzwerk import services
from partners.models import Organisation
from tests.factories import ContactFactory, OrganisationFactory

URL = "/koordination/netzwerk/"
MUSTERSTADT = {
    "name": "Netzwerk Bürgerbeteiligung Musterstadt",
    "short_name": "Netzwerk Musterstadt",
    "brand": "Netzwerk Bürgerbeteiligung",
    "city": "Musterstadt",
    "contact_email": "kontakt@musterstadt.example.org",
    "contact_address": "Marktplatz 1\n12345 Musterstadt",
}


def _post(client, **changes):
    data = {
        **MUSTERSTADT,
        "districts": "altstadt | Altstadt\nNeustadt\nmitte | Mitte",
        **changes,
    }
    return client.post(URL, data)


def test_the_defaults_are_the_hannover_network(db):
    network = get_network()
    assert network.name == "Netzwerk Bürgermitwirkung in der Stadt Hannover"
    assert network.city == "Hannover"
    assert [list(pair) for pair in network.districts] == DEFAULT_DISTRICTS
    assert NetworkSettings.objects.get().name == network.name


def test_the_url_keeps_its_path():
    assert reverse("network_settings") == URL


def test_coordination_links_to_the_page(client_as):
    assert URL in client_as("coordinator").get(reverse("coordination")).text


def test_a_coordinator_changes_the_network_and_every_page_follows(client_as, coordinating_org):
    client = client_as("coordinator")
    page = client.get(URL)
    assert page.status_code == 200 and "Bürgermitwirkung in der Stadt Hannover" in page.text
    response = _post(client, coordinating=[coordinating_org.pk])
    assert response.status_code == 302, response.context["form"].errors
    network = get_network()
    assert network.name == MUSTERSTADT["name"] and network.city == "Musterstadt"
    assert network.districts == (
        ("altstadt", "Altstadt"),
        ("neustadt", "Neustadt"),
        ("mitte", "Mitte"),
    )
    home = client_as("anonymous").get("/").text
    assert "Netzwerk Bürgerbeteiligung Musterstadt" in home and "Hannover" not in home
    assert "kontakt@musterstadt.example.org" in home
    listing = client_as("anonymous").get(reverse("partners:list")).text
    assert '<option value="neustadt">Neustadt</option>' in listing
    assert "Ricklingen" not in listing
    # The admin shows the row, read-only.
    admin = client.get(reverse("admin:netzwerk_networksettings_change", args=[1]))
    assert admin.status_code == 200 and "Musterstadt" in admin.text


def test_the_cache_is_read_again_after_a_save(db):
    assert get_network().city == "Hannover"
    row = NetworkSettings.objects.get()
    row.city = "Musterstadt"
    row.save()
    assert get_network().city == "Musterstadt"


@pytest.mark.parametrize(
    ("districts", "message"),
    [
        ("", "Dieses Feld ist zwingend erforderlich."),
        ("Nord\nNord", "steht doppelt"),
        ("Nord | Nord", "Kleinbuchstaben"),
        ("nord |", "Der Name fehlt"),
        ("\n".join(f"Bezirk {n}" for n in range(101)), "Höchstens 100"),
    ],
)
def test_the_districts_are_checked(client_as, districts, message):
    response = _post(client_as("coordinator"), districts=districts)
    assert response.status_code == 200
    assert message in response.text
    assert get_network().city == "Hannover"


def test_a_district_in_use_stays(client_as):
    OrganisationFactory(name="Verein in Ricklingen", district="ricklingen")
    response = _post(client_as("coordinator"))
    assert response.status_code == 200
    assert "noch Organisationen zugeordnet" in response.text and "ricklingen" in response.text
    assert get_network().city == "Hannover"


def test_at_most_two_coordinating_organisations(client_as, coordinating_org):
    others = [OrganisationFactory(name=f"Koordination {n}") for n in range(2)]
    response = _post(
        client_as("coordinator"), coordinating=[coordinating_org.pk, *(o.pk for o in others)]
    )
    assert response.status_code == 200
    assert get_network().city == "Hannover"
    assert list(Organisation.objects.coordinating()) == [coordinating_org]


def test_coordinating_organisations_are_named_here(client_as, coordinating_org):
    other = OrganisationFactory(name="Stadtverwaltung Musterstadt")
    assert _post(client_as("coordinator"), coordinating=[other.pk]).status_code == 302
    assert list(Organisation.objects.coordinating()) == [other]


def test_only_coordinators(client_as, representative):
    assert client_as("speaker").get(URL).status_code == 403
    with pytest.raises(PermissionDenied):
        services.update_network_settings(
            by=representative, data=MUSTERSTADT, districts=[("mitte", "Mitte")]
        )


def test_the_migration_keeps_every_stored_district(db):
    NetworkSettings.objects.all()._raw_delete(NetworkSettings.objects.db)
    OrganisationFactory(name="Verein vom Mond", district="mond")
    OrganisationFactory(name="Verein aus Nord", district="nord")
    import_module("core.migrations.0006_network_settings_row").create_row(apps, None)
    districts = NetworkSettings.objects.get().districts
    assert districts[: len(DEFAULT_DISTRICTS)] == DEFAULT_DISTRICTS
    assert districts[len(DEFAULT_DISTRICTS) :] == [["mond", "mond"]]
    assert Organisation.objects.get(name="Verein vom Mond").get_district_display() == "mond"


def test_the_page_and_its_errors_are_valid_html(client_as, tmp_path):
    from tests.test_html_validity import _checker, checker_errors

    java = _checker()
    client = client_as("coordinator")
    pages = {
        "page.html": client.get(URL),
        "errors.html": _post(client, districts="Nord | Nord", contact_email="kaputt"),
    }
    assert "Kleinbuchstaben" in pages["errors.html"].text
    for name, response in pages.items():
        (tmp_path / name).write_bytes(response.content)
    errors = checker_errors(java, tmp_path, {name: name for name in pages})
    assert not errors, "\n".join(errors)


def test_a_rolled_back_change_is_not_cached(db):
    from django.db import transaction

    with transaction.atomic():
        row = NetworkSettings.objects.get()
        row.city = "Nirgendwo"
        row.save()
        assert get_network().city == "Nirgendwo"
        transaction.set_rollback(True)
    assert get_network().city == "Hannover"


def test_the_admin_offers_the_networks_districts(client_as):
    organisation = OrganisationFactory(name="Verein in Ricklingen", district="ricklingen")
    client = client_as("coordinator")
    listing = client.get(reverse("admin:partners_organisation_changelist") + "?district=ricklingen")
    assert "Verein in Ricklingen" in listing.text and "Herrenhausen-Stöcken" in listing.text
    assert (
        "Verein in Ricklingen"
        not in client.get(reverse("admin:partners_organisation_changelist") + "?district=nord").text
    )
    form = client.get(reverse("admin:partners_organisation_change", args=[organisation.pk])).text
    assert '<option value="ricklingen" selected>Ricklingen</option>' in form


def test_seed_demo_refuses_a_second_network_beside_another(db):
    from django.core.management import CommandError, call_command

    OrganisationFactory(name="Verein in Ricklingen", district="ricklingen")
    with pytest.raises(CommandError, match="anderes Netzwerk"):
        call_command("seed_demo", force=True, network="musterstadt", stdout=io.StringIO())
    assert get_network().city == "Hannover"


def test_seed_demo_again_keeps_the_coordinators_settings(db):
    from django.core.management import call_command

    organisation = OrganisationFactory(name="Verein in Ricklingen", district="ricklingen")
    ContactFactory(organisation=organisation, is_representative=True)
    row = NetworkSettings.objects.get()
    row.name = "Netzwerk Bürgermitwirkung in Hannover"
    row.save()
    call_command("seed_demo", force=True, stdout=io.StringIO())
    assert NetworkSettings.objects.get().name == "Netzwerk Bürgermitwirkung in Hannover"


def test_the_admin_and_the_authenticator_app_name_the_network(client_as, coordinating_org):
    """The admin's header and the name an authenticator app lists the code under
    (the issuer in the QR code's otpauth URL) follow the settings too."""
    client = client_as("coordinator")
    assert "Netzwerk Bürgermitwirkung – Verwaltung" in client.get("/admin/").text
    assert _post(client, coordinating=[coordinating_org.pk]).status_code == 302
    admin = client.get("/admin/").text
    assert "Netzwerk Bürgerbeteiligung – Verwaltung" in admin
    assert "Bürgermitwirkung" not in admin

    from allauth.mfa.adapter import get_adapter

    assert get_adapter().get_totp_issuer() == "Netzwerk Bürgerbeteiligung"
