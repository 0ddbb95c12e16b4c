import csv
import io

import pytest
from django.urls import reverse

from tests.factories import ContactFactory
from tests.partners.factories import SponsorFactory, sign

pytestmark = pytest.mark.django_db


def _rows(response):
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    raw = response.content
    assert raw.startswith("\ufeff".encode())  # Excel reads UTF-8 with the BOM
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))


def test_partner_export_lists_organisations_with_contacts(partner_org, partner_contact, client_as):
    ContactFactory(organisation=partner_org, user=None, name="=HYPERLINK(1)", email="x@example.org")
    rows = _rows(client_as("coordinator").get(reverse("partners:export_partners")))
    assert rows[0][0] == "Organisation"
    names = {row[11] for row in rows[1:] if row[0] == "Nachbarschaft Linden"}
    assert "Carla Kontakt" in names
    # Formulas are defused for spreadsheets.
    assert "'=HYPERLINK(1)" in names


def test_declaration_export_lists_hashes(partner_org, representative, client_as):
    declaration = sign(partner_org, representative)
    rows = _rows(client_as("coordinator").get(reverse("partners:export_declarations")))
    assert rows[1][0] == "Nachbarschaft Linden"
    assert rows[1][-1] == declaration.sha256
    assert rows[1][3] == "Rita Vertretung"


def test_home_shows_partner_count_and_shown_sponsors(client, partner_org):
    SponsorFactory(name="Gute Stiftung")
    SponsorFactory(name="Stille Stiftung", shown=False)
    response = client.get(reverse("home"))
    assert "1 Organisation</a> arbeitet im Netzwerk mit" in response.text
    assert "Gute Stiftung" in response.text
    assert "Stille Stiftung" not in response.text


def test_coordination_links_every_partner_task(client_as):
    text = client_as("coordinator").get(reverse("coordination")).text
    for name in [
        "partners:agreement_publish",
        "partners:export_partners",
        "partners:export_declarations",
        "admin:partners_sponsor_changelist",
    ]:
        assert reverse(name) in text


def test_speaker_group_reads_recruitment_but_not_applications(client_as):
    text = client_as("speaker").get(reverse("coordination")).text
    assert "Neue Partner" in text
    assert reverse("partners:export_partners") not in text
