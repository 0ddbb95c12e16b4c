import io
import os
import re
from http import HTTPStatus

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import dateformat, timezone
from PIL import Image

from core.roles import make_coordinator
from partners.models import Contact, Declaration, Organisation
from tests.factories import OrganisationFactory, UserFactory
from tests.partners.factories import ORGANISATION, SIGNATURE, png_upload

pytestmark = pytest.mark.django_db


def _link(mail):
    return re.search(r"https?://[^/\s]+(/\S+)", mail.body).group(1)


@pytest.fixture
def applicant(client):
    user = UserFactory(email="mia@example.org", name="Mia Muster")
    client.force_login(user)
    return user


def test_new_organisation_signs_up_enters_data_signs_and_coordinators_are_told(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    coordinator = UserFactory(email="koordination@example.org")
    make_coordinator(coordinator)
    target = reverse("partners:join_organisation")
    response = client.get(reverse("partners:join"))
    assert f"?next={target}".replace("/", "%2F") in response.text or target in response.text
    client.post(
        reverse("account_signup"),
        {
            "email": "mia@example.org",
            "password1": "ein-gutes-passwort-42",
            "password2": "ein-gutes-passwort-42",
            "next": target,
        },
    )
    response = client.post(_link(mailoutbox[0]))
    assert response.url == target  # back to /mitmachen/ after verifying

    response = client.post(target, ORGANISATION)
    assert response.status_code == HTTPStatus.FOUND, response.context["form"].errors
    organisation = Organisation.objects.get(name="Stadtteilchor Mühlenberg")
    assert organisation.status == Organisation.Status.APPLICANT
    assert organisation.slug == "stadtteilchor-muehlenberg"
    contact = organisation.contacts.get()
    assert contact.is_representative and contact.function == "Vorsitzende"

    response = client.get(reverse("partners:join_sign"))
    assert "Wir erklären unsere Mitarbeit" in response.text
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("partners:join_sign"), SIGNATURE)
    assert response.url == reverse("partners:join_done")
    declaration = Declaration.objects.get(organisation=organisation)
    assert declaration.signer_name == "Mia Muster"
    recipients = {address for mail in mailoutbox[1:] for address in mail.to}
    assert recipients == {"mia@example.org", "koordination@example.org"}
    response = client.get(reverse("partners:join_done"))
    assert declaration.sha256 in response.text


def test_confirmation_shows_when_it_was_signed_like_other_pages(client, applicant):
    client.post(reverse("partners:join_organisation"), ORGANISATION)
    client.post(reverse("partners:join_sign"), SIGNATURE)
    signed_at = timezone.localtime(Declaration.objects.get().signed_at)
    response = client.get(reverse("partners:join_done"))
    # e.g. "25. November 2026, 05:38 Uhr", as meetings and elections show times
    assert f"{dateformat.format(signed_at, 'j. F Y, H:i')} Uhr" in response.text


def test_half_finished_application_is_resumed(client, applicant):
    client.post(reverse("partners:join_organisation"), ORGANISATION)
    response = client.get(reverse("partners:join"))
    assert "Erklärung unterzeichnen" in response.text
    response = client.get(reverse("partners:join_organisation"))
    assert response.context["form"].instance.name == "Stadtteilchor Mühlenberg"
    client.post(reverse("partners:join_organisation"), {**ORGANISATION, "description": "Geändert."})
    assert Organisation.objects.filter(name="Stadtteilchor Mühlenberg").count() == 1
    assert Organisation.objects.get(name="Stadtteilchor Mühlenberg").description == "Geändert."


def test_sign_step_without_data_leads_to_the_data_step(client, applicant):
    response = client.get(reverse("partners:join_sign"))
    assert response.url == reverse("partners:join_organisation")


def test_signed_application_cannot_be_edited_or_signed_again(client, applicant):
    client.post(reverse("partners:join_organisation"), ORGANISATION)
    client.post(reverse("partners:join_sign"), SIGNATURE)
    assert client.get(reverse("partners:join_organisation")).url == reverse("partners:join_done")
    assert client.get(reverse("partners:join_sign")).url == reverse("partners:join_done")


def test_missing_consent_is_a_form_error(client, applicant):
    client.post(reverse("partners:join_organisation"), ORGANISATION)
    response = client.post(reverse("partners:join_sign"), {**SIGNATURE, "consent": ""})
    assert response.status_code == HTTPStatus.OK
    assert response.context["form"].errors["consent"]
    assert not Declaration.objects.exists()


@pytest.mark.parametrize(
    "changes",
    [
        {"name": "stadtteilchor MÜHLENBERG"},
        {"name": "Ganz anders", "website": "https://www.chor-muehlenberg.example.org/kontakt"},
    ],
    ids=["same name", "same website host"],
)
def test_duplicate_organisation_gets_a_clear_message(client, applicant, changes):
    OrganisationFactory(name="Stadtteilchor Mühlenberg", website=ORGANISATION["website"])
    response = client.post(reverse("partners:join_organisation"), {**ORGANISATION, **changes})
    assert response.status_code == HTTPStatus.OK
    assert "bereits im Netzwerk" in response.text
    assert Organisation.objects.count() == 1


@pytest.mark.parametrize("postal_code", ["3045", "304577", "30 457", "D-30457", "ABCDE"])
def test_postal_code_must_have_five_digits(client, applicant, postal_code):
    response = client.post(
        reverse("partners:join_organisation"), {**ORGANISATION, "postal_code": postal_code}
    )
    assert response.status_code == HTTPStatus.OK
    assert "Bitte geben Sie eine fünfstellige Postleitzahl an." in response.text
    assert not Organisation.objects.exists()


@pytest.mark.parametrize("postal_code", ["30457", ""])
def test_postal_code_may_be_five_digits_or_empty(client, applicant, postal_code):
    response = client.post(
        reverse("partners:join_organisation"), {**ORGANISATION, "postal_code": postal_code}
    )
    assert response.status_code == HTTPStatus.FOUND
    assert Organisation.objects.get().postal_code == postal_code


def test_logo_must_be_a_small_image(client, applicant):
    fake = SimpleUploadedFile("logo.png", b"<svg onload=alert(1)></svg>", "image/png")
    response = client.post(reverse("partners:join_organisation"), {**ORGANISATION, "logo": fake})
    assert response.status_code == HTTPStatus.OK
    assert response.context["form"].errors["logo"]

    buffer = io.BytesIO()
    Image.frombytes("RGB", (1000, 1000), os.urandom(3_000_000)).save(buffer, format="PNG")
    assert buffer.tell() > 2 * 1024 * 1024
    big = SimpleUploadedFile("gross.png", buffer.getvalue(), "image/png")
    response = client.post(reverse("partners:join_organisation"), {**ORGANISATION, "logo": big})
    assert response.status_code == HTTPStatus.OK
    assert response.context["form"].errors["logo"]
    assert not Organisation.objects.exists()


def test_valid_logo_is_stored_reencoded(client, applicant):
    response = client.post(
        reverse("partners:join_organisation"), {**ORGANISATION, "logo": png_upload()}
    )
    assert response.status_code == HTTPStatus.FOUND
    organisation = Organisation.objects.get()
    assert organisation.logo.name.endswith(".png")
    assert not organisation.logo.name.endswith("logo.png")


def test_applicant_is_not_yet_a_partner_contact(client, applicant):
    client.post(reverse("partners:join_organisation"), ORGANISATION)
    assert Contact.objects.filter(user=applicant).exists()
    # Not a 403: an applicant is sent back to the application (issue 17).
    response = client.get(reverse("partners:my_network"))
    assert response.status_code == HTTPStatus.FOUND
    assert response.url == reverse("partners:join")
    response = client.get(reverse("partners:list"))
    assert "Stadtteilchor" not in response.text


def test_existing_partner_contact_is_pointed_to_my_network(client_as):
    response = client_as("partner_contact").get(reverse("partners:join"))
    assert reverse("partners:my_network") in response.text
    assert "bereits Ansprechperson" in response.text
