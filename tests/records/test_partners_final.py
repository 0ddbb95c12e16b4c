"""The walk of the partners app's final records over every write path.

A Declaration is final the moment it is signed; an AgreementVersion once an
organisation has signed it. Every path that would change or delete one is refused,
and a Berichtigung (record_correction) keeps the original and is shown.
"""

from http import HTTPStatus

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from core.models import Correction
from core.records import FinalRecordError
from core.services import record_correction
from partners import services
from partners.models import AgreementVersion, Declaration
from tests.partners.factories import sign

pytestmark = pytest.mark.django_db

GOVERNED = [Declaration, AgreementVersion]


@pytest.fixture
def declaration(partner_org, representative):
    return sign(partner_org, representative)


@pytest.fixture
def version(declaration):
    return declaration.agreement_version


def _stored(record):
    return type(record)._base_manager.get(pk=record.pk)


def test_every_governed_model_is_a_guarded_record():
    from core.records import GuardedRecord

    for model in GOVERNED:
        assert issubclass(model, GuardedRecord)


# Declaration


def test_a_signed_declaration_is_final(declaration):
    assert declaration.is_final()


def test_signing_again_through_the_page_leaves_the_declaration(declaration, partner_org, client_as):
    response = client_as("representative").post(
        reverse("partners:sign", kwargs={"slug": partner_org.slug}),
        {"consent": "on", "full_name": "Jemand Anderes", "function": "Kasse", "place": "Celle"},
    )
    assert response.status_code == HTTPStatus.OK
    assert "bereits unterzeichnet" in response.text
    assert _stored(declaration).signer_name == declaration.signer_name
    assert Declaration.objects.count() == 1


def test_the_admin_refuses_to_change_or_delete_a_declaration(declaration, client_as):
    client = client_as("coordinator")
    change = reverse("admin:partners_declaration_change", args=[declaration.pk])
    response = client.post(change, {"signer_name": "Geändert", "place": "Celle"})
    assert response.status_code == HTTPStatus.FORBIDDEN
    delete = reverse("admin:partners_declaration_delete", args=[declaration.pk])
    assert client.post(delete, {"post": "yes"}).status_code == HTTPStatus.FORBIDDEN
    assert _stored(declaration).signer_name == declaration.signer_name


def test_the_service_refuses_a_second_declaration_of_the_version(declaration, representative):
    with pytest.raises(ValidationError):
        services.sign_declaration(
            organisation=declaration.organisation,
            by=representative,
            full_name="Jemand Anderes",
            function="Kasse",
            place="Celle",
            agreement_version=declaration.agreement_version,
        )


def test_save_update_and_delete_refuse_a_declaration(declaration):
    declaration.signer_name = "Geändert"
    with pytest.raises(FinalRecordError):
        declaration.save()
    with pytest.raises(FinalRecordError):
        Declaration.objects.filter(pk=declaration.pk).update(place="Celle")
    with pytest.raises(FinalRecordError):
        Declaration.objects.filter(pk=declaration.pk).delete()
    with pytest.raises(FinalRecordError):
        _stored(declaration).delete()
    assert _stored(declaration).signer_name != "Geändert"


def test_a_correction_of_a_declaration_keeps_the_original_and_is_shown(
    declaration, client_as, coordinator
):
    client = client_as("coordinator")
    url = reverse("partners:declaration_correct", kwargs={"pk": declaration.pk})
    assert client.get(url).status_code == HTTPStatus.OK
    response = client.post(
        url,
        {
            "signer_name": declaration.signer_name,
            "signer_function": "Vorstandsvorsitz",
            "place": declaration.place,
            "reason": "Funktion falsch übernommen",
        },
    )
    assert response.status_code == HTTPStatus.FOUND
    stored = _stored(declaration)
    # The sealed row stays as signed; the correction is kept beside it.
    assert stored.signer_function == "Vorstand"
    assert stored.sha256 == declaration.sha256
    assert stored.seal == declaration.seal
    assert stored.verify()
    correction = Correction.objects.of(declaration).get()
    assert correction.original == {"signer_function": "Vorstand"}
    assert correction.corrected_by == coordinator
    page = client_as("representative").get(reverse("partners:my_network"))
    assert "Funktion falsch übernommen" in page.text
    assert "ursprünglich „Vorstand“" in page.text


def test_only_coordinators_correct_a_declaration(declaration, representative):
    with pytest.raises(PermissionDenied):
        record_correction(
            record=declaration,
            changes={"place": "Celle"},
            reason="Versuch",
            by=representative,
        )


# AgreementVersion


def test_a_signed_agreement_version_is_final(version):
    assert version.is_final()


def test_an_unsigned_agreement_version_is_not_final(db):
    version = AgreementVersion.objects.create(
        number=99, title="Entwurf", text="Text", valid_from="2030-01-01"
    )
    assert not version.is_final()
    version.title = "Entwurf 2"
    version.save()


def test_the_admin_refuses_to_change_or_delete_a_signed_version(version, client_as):
    client = client_as("coordinator")
    change = reverse("admin:partners_agreementversion_change", args=[version.pk])
    response = client.post(change, {"title": "Geändert", "text": "Neu", "valid_from": "2020-01-01"})
    assert response.status_code == HTTPStatus.FORBIDDEN
    delete = reverse("admin:partners_agreementversion_delete", args=[version.pk])
    assert client.post(delete, {"post": "yes"}).status_code == HTTPStatus.FORBIDDEN
    assert _stored(version).text == version.text


def test_the_service_publishes_a_new_version_instead(version, coordinator, representative):
    with pytest.raises(PermissionDenied):
        services.publish_agreement_version(
            by=representative, title="X", text="Y", valid_from=version.valid_from
        )
    new = services.publish_agreement_version(
        by=coordinator, title=version.title, text="Neuer Text", valid_from=version.valid_from
    )
    assert new.number == version.number + 1
    assert _stored(version).text == version.text


def test_save_update_and_delete_refuse_a_signed_version(version):
    version.text = "Untergeschoben"
    with pytest.raises(FinalRecordError):
        version.save()
    with pytest.raises(FinalRecordError):
        AgreementVersion.objects.filter(pk=version.pk).update(title="Geändert")
    with pytest.raises(FinalRecordError):
        AgreementVersion.objects.filter(pk=version.pk).delete()
    with pytest.raises((FinalRecordError, ValidationError)):
        _stored(version).delete()
    assert _stored(version).text != "Untergeschoben"


def test_a_correction_of_a_version_title_keeps_the_original_and_is_shown(version, client_as):
    client = client_as("coordinator")
    url = reverse("partners:agreement_correct", kwargs={"number": version.number})
    response = client.post(
        url, {"title": "Kooperationsvereinbarung (berichtigt)", "reason": "Tippfehler"}
    )
    assert response.status_code == HTTPStatus.FOUND
    stored = _stored(version)
    # The published row stays as it was; the correction is kept beside it.
    assert stored.title == version.title
    assert stored.sha256 == version.sha256
    assert stored.verify()
    correction = Correction.objects.of(version).get()
    assert correction.original == {"title": version.title}
    page = client_as("anonymous").get(reverse("netzwerk"))
    assert "Tippfehler" in page.text
