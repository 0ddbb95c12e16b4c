"""Sealed rows stay as sealed (issue 15): published agreement versions are immutable,
PostgreSQL's trigger refuses row changes, a Berichtigung is kept beside the sealed
row, and the PDF and a deleted signer's account leave the seal intact.

Rewritten rows named by `verify_declarations` and the nightly check: test_seal.py.
"""

import datetime
import io
from http import HTTPStatus

import pytest
from django.db import DatabaseError, connection, transaction
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from core.models import Correction
from core.records import FinalRecordError
from core.services import record_correction
from partners import services
from partners.models import AgreementVersion, Declaration
from tests.factories import UserFactory, give_second_factor
from tests.partners.factories import sign
from tests.partners.seals import verify

pytestmark = pytest.mark.django_db

POSTGRES = pytest.mark.skipif(
    "connection.vendor != 'postgresql'", reason="the trigger exists on PostgreSQL only"
)


@pytest.fixture
def declaration(partner_org, representative):
    return sign(partner_org, representative)


# Published agreement versions are immutable; drafts are not


def draft_version(days=400):
    return AgreementVersion.objects.create(
        number=services.next_agreement_number(),
        title="Entwurf",
        text="1.) Ein Entwurf.",
        valid_from=timezone.localdate() + datetime.timedelta(days=days),
    )


def test_a_version_in_force_is_immutable_even_unsigned(db):
    version = AgreementVersion.objects.current()
    assert not version.declarations.exists()
    assert version.is_published() and version.is_final()
    version.text = "Untergeschoben"
    with pytest.raises(FinalRecordError):
        version.save()
    with pytest.raises(FinalRecordError):
        AgreementVersion.objects.filter(pk=version.pk).update(title="Geändert")
    with pytest.raises(FinalRecordError):
        AgreementVersion.objects.filter(pk=version.pk).delete()
    with pytest.raises(FinalRecordError):
        AgreementVersion.objects.get(pk=version.pk).delete()
    # Even an unchanged save: the stored row is never written again.
    with pytest.raises(FinalRecordError):
        AgreementVersion.objects.get(pk=version.pk).save()
    assert AgreementVersion.objects.get(pk=version.pk).verify()


def test_a_draft_stays_editable_until_its_date_comes(db, clock):
    draft = draft_version()
    assert not draft.is_published()
    draft.text = "1.) Ein besserer Entwurf."
    draft.save()
    assert AgreementVersion.objects.get(pk=draft.pk).verify()  # resealed
    clock(timezone.make_aware(datetime.datetime.combine(draft.valid_from, datetime.time(9))))
    stored = AgreementVersion.objects.get(pk=draft.pk)
    assert stored.is_published()
    stored.title = "Zu spät"
    with pytest.raises(FinalRecordError):
        stored.save()


def test_the_admin_edits_a_draft_but_not_a_published_version(db, client_as):
    client = client_as("coordinator")
    draft = draft_version()
    url = reverse("admin:partners_agreementversion_change", args=[draft.pk])
    response = client.post(
        url,
        {
            "number": draft.number,
            "title": "Entwurf, überarbeitet",
            "text": draft.text,
            "valid_from": draft.valid_from.isoformat(),
        },
    )
    assert response.status_code == HTTPStatus.FOUND
    assert AgreementVersion.objects.get(pk=draft.pk).title == "Entwurf, überarbeitet"
    current = AgreementVersion.objects.current()
    url = reverse("admin:partners_agreementversion_change", args=[current.pk])
    response = client.post(url, {"title": "Geändert"})
    assert response.status_code == HTTPStatus.FORBIDDEN


# PostgreSQL: the trigger


def _refused(sql, params):
    with pytest.raises(DatabaseError) as error, transaction.atomic(), connection.cursor() as c:
        c.execute(sql, params)
    return str(error.value)


@POSTGRES
def test_the_trigger_refuses_update_and_delete_of_a_declaration(declaration):
    message = _refused(
        "UPDATE partners_declaration SET signer_name = %s WHERE id = %s",
        ["Fremde Person", declaration.pk],
    )
    assert "is final" in message
    message = _refused("DELETE FROM partners_declaration WHERE id = %s", [declaration.pk])
    assert "is final" in message
    assert Declaration.objects.get(pk=declaration.pk).verify()


@POSTGRES
def test_the_trigger_refuses_update_and_delete_of_published_versions(declaration):
    signed = declaration.agreement_version
    for sql, params in [
        ("UPDATE partners_agreementversion SET text = %s WHERE id = %s", ["X", signed.pk]),
        ("DELETE FROM partners_agreementversion WHERE id = %s", [signed.pk]),
    ]:
        assert "is published" in _refused(sql, params)
    # In force since 2015, unsigned: published all the same.
    in_force = AgreementVersion.objects.create(
        number=services.next_agreement_number(),
        title="Alt",
        text="1.) Alt.",
        valid_from=datetime.date(2015, 6, 1),
    )
    assert "is published" in _refused(
        "UPDATE partners_agreementversion SET title = %s WHERE id = %s", ["X", in_force.pk]
    )
    # A draft (the database's own date is before it) may still change.
    draft = draft_version(days=3650)
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE partners_agreementversion SET title = %s WHERE id = %s", ["Neu", draft.pk]
        )
    assert AgreementVersion.objects.get(pk=draft.pk).title == "Neu"


# Corrections beside the sealed row


def test_a_correction_keeps_the_row_and_its_seal_and_is_shown_beside(
    declaration, coordinator, client_as
):
    record_correction(
        record=declaration,
        changes={"signer_function": "Vorstandsvorsitz"},
        reason="Funktion falsch übernommen",
        by=coordinator,
    )
    second = record_correction(
        record=declaration,
        changes={"signer_function": "Vorsitzende"},
        reason="Genauer",
        by=coordinator,
    )
    # The second correction starts from what the first one made right.
    assert second.original == {"signer_function": "Vorstandsvorsitz"}
    stored = Declaration.objects.get(pk=declaration.pk)
    assert stored.signer_function == "Vorstand"
    assert stored.seal == declaration.seal
    assert verify()[0] == 0
    page = client_as("representative").get(reverse("partners:my_network"))
    assert "ursprünglich „Vorstand“, jetzt „Vorstandsvorsitz“" in page.text
    # The correction form starts from the corrected value.
    form = client_as("coordinator").get(
        reverse("partners:declaration_correct", kwargs={"pk": declaration.pk})
    )
    assert 'value="Vorsitzende"' in form.text
    text = pdf_text(client_as("representative"), declaration)
    assert "Vorstand" in text
    assert "ursprünglich „Vorstandsvorsitz“, jetzt „Vorsitzende“" in text
    assert "Genauer" in text


def test_a_correction_that_changes_nothing_is_refused(declaration, coordinator):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        record_correction(
            record=declaration,
            changes={"place": declaration.place},
            reason="nichts",
            by=coordinator,
        )
    assert not Correction.objects.exists()


# The PDF


def pdf_text(client, declaration):
    response = client.get(reverse("partners:declaration_pdf", kwargs={"pk": declaration.pk}))
    assert response.status_code == HTTPStatus.OK
    reader = PdfReader(io.BytesIO(response.content))
    return " ".join(page.extract_text() for page in reader.pages)


def test_the_pdf_prints_the_seal_and_how_it_is_checked(declaration, client_as):
    text = pdf_text(client_as("representative"), declaration)
    flat = "".join(text.split())
    assert f"Schlüssel{declaration.seal_key_id}" in flat
    assert declaration.seal in flat
    assert "verify_declarations" in flat
    assert "geheimen" in text


# Deleting the signer's account


def test_deleting_the_signers_account_through_the_page_keeps_the_sealed_row(
    declaration, client_as, representative
):
    from tests.factories import PASSWORD

    client = client_as("representative")
    response = client.post(reverse("account_delete"), {"password": PASSWORD})
    assert response.status_code == HTTPStatus.FOUND
    stored = Declaration.objects.get(pk=declaration.pk)
    assert stored.signer_id == declaration.signer_id
    assert stored.signing_account is None
    assert stored.signer_name == declaration.signer_name
    assert verify()[0] == 0


def test_the_admin_deletes_a_signers_account_without_breaking_the_seal(declaration, client):
    admin = give_second_factor(
        UserFactory(email="admin@example.org", is_staff=True, is_superuser=True)
    )
    client.force_login(admin)
    signer = declaration.signer
    url = reverse("admin:netzwerk_user_delete", args=[signer.pk])
    assert client.get(url).status_code == HTTPStatus.OK
    response = client.post(url, {"post": "yes"})
    assert response.status_code == HTTPStatus.FOUND
    assert not type(signer).objects.filter(pk=signer.pk).exists()
    assert verify()[0] == 0
    change = reverse("admin:partners_declaration_change", args=[declaration.pk])
    assert client.get(change).status_code == HTTPStatus.OK


def test_a_corrected_version_title_stays_beside_and_is_offered_for_the_next_version(
    db, coordinator, client_as
):
    version = AgreementVersion.objects.current()
    record_correction(
        record=version,
        changes={"title": "Kooperationsvereinbarung Bürgermitwirkung"},
        reason="Titel vollständig",
        by=coordinator,
    )
    stored = AgreementVersion.objects.get(pk=version.pk)
    assert stored.title == version.title
    assert stored.verify()
    page = client_as("coordinator").get(reverse("partners:agreement_publish")).text
    assert 'value="Kooperationsvereinbarung Bürgermitwirkung"' in page
