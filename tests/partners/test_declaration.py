import io
import zoneinfo
from http import HTTPStatus

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from netzwerk import services as account_services
from partners.models import AgreementVersion, Declaration
from tests.factories import OrganisationFactory
from tests.partners.factories import representative_of, sign

pytestmark = pytest.mark.django_db


@pytest.fixture
def declaration(partner_org, representative):
    return sign(partner_org, representative)


def test_declaration_records_version_signer_and_a_hash_of_text_and_data(declaration, partner_org):
    version = AgreementVersion.objects.current()
    assert declaration.agreement_version == version
    assert declaration.agreement_sha256 == version.sha256
    assert declaration.organisation_data["name"] == partner_org.name
    assert declaration.sha256 == Declaration.compute_sha256(version.text, partner_org.public_data())
    assert declaration.verify()
    changed = {**declaration.organisation_data, "name": "Andere Organisation"}
    assert Declaration.compute_sha256(version.text, changed) != declaration.sha256


def test_declaration_cannot_be_changed_or_deleted_through_the_model(declaration):
    declaration.place = "Berlin"
    with pytest.raises(ValidationError):
        declaration.save()
    with pytest.raises(ValidationError):
        declaration.delete()
    with pytest.raises(ValidationError):
        Declaration.objects.filter(pk=declaration.pk).update(place="Berlin")
    with pytest.raises(ValidationError):
        Declaration.objects.all().delete()
    declaration.refresh_from_db()
    assert declaration.place == "Hannover"


def test_declaration_cannot_be_changed_or_deleted_in_the_admin(declaration, client_as):
    client = client_as("coordinator")
    change = reverse("admin:partners_declaration_change", args=[declaration.pk])
    response = client.get(change)
    assert response.status_code == HTTPStatus.OK
    assert 'name="place"' not in response.text  # a read-only view
    response = client.post(change, {"place": "Berlin"})
    assert response.status_code == HTTPStatus.FORBIDDEN
    delete = reverse("admin:partners_declaration_delete", args=[declaration.pk])
    assert client.post(delete, {"post": "yes"}).status_code == HTTPStatus.FORBIDDEN
    add = reverse("admin:partners_declaration_add")
    assert client.get(add).status_code == HTTPStatus.FORBIDDEN
    declaration.refresh_from_db()
    assert declaration.place == "Hannover"


def test_second_signature_of_the_same_version_is_a_form_error(declaration, client_as):
    client = client_as("representative")
    response = client.post(
        reverse("partners:sign", kwargs={"slug": declaration.organisation.slug}),
        {"consent": "on", "full_name": "Rita Vertretung", "function": "Vorstand", "place": "X"},
    )
    assert response.status_code == HTTPStatus.OK
    assert "bereits unterzeichnet" in response.text
    assert Declaration.objects.filter(organisation=declaration.organisation).count() == 1


def test_second_signature_through_the_service_is_refused(declaration, representative):
    with pytest.raises(ValidationError, match="bereits unterzeichnet"):
        sign(declaration.organisation, representative)


def test_only_representatives_may_sign(partner_org, partner_contact):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        sign(partner_org, partner_contact)


def test_pdf_contains_organisation_name_signer_and_hash(declaration, client_as):
    response = client_as("partner_contact").get(
        reverse("partners:declaration_pdf", kwargs={"pk": declaration.pk})
    )
    assert response.status_code == HTTPStatus.OK
    assert response["Content-Type"] == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert declaration.organisation.name in text
    assert declaration.sha256 in text
    assert declaration.signer_name in text
    assert "Kooperationsvereinbarung" in text
    local = timezone.localtime(declaration.signed_at, zoneinfo.ZoneInfo("Europe/Berlin"))
    assert f"{local.day}. " in text
    assert f"um {local:%H:%M} Uhr" in text


def test_pdf_is_german_even_when_the_page_is_english(declaration, client_as):
    client = client_as("representative")
    client.cookies["django_language"] = "en"
    response = client.get(reverse("partners:declaration_pdf", kwargs={"pk": declaration.pk}))
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "Erklärung zur Mitarbeit" in text


def test_other_organisations_cannot_download_the_pdf(declaration, client):
    other = representative_of(OrganisationFactory(name="Andere Initiative"))
    client.force_login(other)
    response = client.get(reverse("partners:declaration_pdf", kwargs={"pk": declaration.pk}))
    assert response.status_code == HTTPStatus.NOT_FOUND


def test_deleting_the_account_keeps_the_declaration_with_typed_name(declaration, representative):
    account_id = representative.pk
    account_services.delete_account(user=representative, by=representative)
    declaration.refresh_from_db()
    # The row is untouched (sealed): the id of the deleted account stays, unresolved.
    assert declaration.signer_id == account_id
    assert declaration.signing_account is None
    assert declaration.signer_name == representative.name
    assert declaration.signer_function == "Vorstand"
    assert declaration.verify()


def test_personal_data_lists_the_persons_declarations(declaration, client_as):
    data = client_as("representative").get(reverse("account_data")).json()
    assert data["erklaerungen"][0]["sha256"] == declaration.sha256
    assert data["ansprechpersonen"][0]["organisation"] == declaration.organisation.name


def test_pdf_names_the_agreement_once(declaration, client_as):
    version = declaration.agreement_version
    assert version.title.startswith("Kooperationsvereinbarung")
    response = client_as("representative").get(
        reverse("partners:declaration_pdf", kwargs={"pk": declaration.pk})
    )
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    flat = " ".join(text.split())
    assert "Kooperationsvereinbarung „Kooperationsvereinbarung" not in flat
    assert f"zur {version.title}, Fassung {version.number} vom" in flat
