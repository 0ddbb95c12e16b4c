import datetime
from http import HTTPStatus

import pytest
from django.urls import reverse
from django.utils import timezone

from partners.models import AgreementVersion, Organisation
from tests.factories import OrganisationFactory
from tests.partners.factories import sign

pytestmark = pytest.mark.django_db


def _publish(client):
    return client.post(
        reverse("partners:agreement_publish"),
        {
            "title": "Kooperationsvereinbarung",
            "text": "1.) Neuer Text der Vereinbarung.",
            "valid_from": timezone.localdate().isoformat(),
        },
    )


def test_new_version_puts_active_partners_on_the_resign_list_and_signing_takes_them_off(
    partner_org,
    representative,
    client_as,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    sign(partner_org, representative)
    other = OrganisationFactory(name="Zweite Initiative")
    OrganisationFactory(name="Bewerberin", status=Organisation.Status.APPLICANT, joined_on=None)
    coordinator = client_as("coordinator")
    with django_capture_on_commit_callbacks(execute=True):
        response = _publish(coordinator)
    assert response.status_code == HTTPStatus.FOUND
    version = AgreementVersion.objects.current()
    assert version.number == 2
    resign = Organisation.objects.active().without_declaration_of(version)
    assert set(resign) == {partner_org, other}
    assert representative.email in {address for mail in mailoutbox for address in mail.to}
    assert "Zweite Initiative" in coordinator.get(reverse("partners:resign_list")).text

    client = client_as("representative")
    response = client.get(reverse("partners:my_network"))
    assert "Neue Fassung der Kooperationsvereinbarung" in response.text
    response = client.post(
        reverse("partners:sign", kwargs={"slug": partner_org.slug}),
        {"consent": "on", "full_name": "Rita Vertretung", "function": "Vorstand", "place": "H"},
    )
    assert response.status_code == HTTPStatus.FOUND
    assert partner_org not in Organisation.objects.active().without_declaration_of(version)
    assert (
        "Neue Fassung der Kooperationsvereinbarung"
        not in client.get(reverse("partners:my_network")).text
    )


def test_contact_without_representation_sees_the_banner_but_no_sign_button(partner_org, client_as):
    AgreementVersion.objects.create(
        number=2, title="K", text="1.) Neu.", valid_from=timezone.localdate()
    )
    response = client_as("partner_contact").get(reverse("partners:my_network"))
    assert "Neue Fassung der Kooperationsvereinbarung" in response.text
    assert reverse("partners:sign", kwargs={"slug": partner_org.slug}) not in response.text


def test_version_cannot_start_before_the_current_one(client_as):
    response = client_as("coordinator").post(
        reverse("partners:agreement_publish"),
        {"title": "K", "text": "1.) Alt.", "valid_from": datetime.date(2000, 1, 1).isoformat()},
    )
    assert response.status_code == HTTPStatus.OK
    assert response.context["form"].errors["valid_from"]
