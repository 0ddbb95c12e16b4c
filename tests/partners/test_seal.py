"""The keyed seal of declarations and agreement versions, against someone who can write
to the database (issue 15): rows rewritten by SQL are named by `verify_declarations`,
published versions stay as published, PostgreSQL's trigger refuses row changes, and a
Berichtigung is kept beside the sealed row.
"""

import contextlib
import datetime
import hashlib
import io
import json
import zoneinfo
from http import HTTPStatus

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from core.models import Correction
from core.records import FinalRecordError
from core.services import record_correction
from partners import seal as sealing
from partners import services
from partners.models import AgreementVersion, Declaration, SealCheck
from tests.factories import OrganisationFactory, UserFactory, give_second_factor
from tests.partners.factories import sign

pytestmark = pytest.mark.django_db

BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")

POSTGRES = pytest.mark.skipif(
    "connection.vendor != 'postgresql'", reason="the trigger exists on PostgreSQL only"
)


@pytest.fixture
def declaration(partner_org, representative):
    return sign(partner_org, representative)


@pytest.fixture
def other_declaration(db):
    return sign(OrganisationFactory(name="Stadtteilladen Vahrenheide"))


@contextlib.contextmanager
def as_database_admin(*tables):
    """Raw SQL as an administrator would run it: on PostgreSQL with the triggers off."""
    postgres = connection.vendor == "postgresql"
    with connection.cursor() as cursor:
        if postgres:
            # ALTER TABLE waits for no deferred constraint checks of this transaction.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            for table in tables:
                cursor.execute(f"ALTER TABLE {table} DISABLE TRIGGER USER")
        yield cursor
        if postgres:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            for table in tables:
                cursor.execute(f"ALTER TABLE {table} ENABLE TRIGGER USER")
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")


def verify(**kwargs):
    """Run the command; (exit status, output) as a shell would see them."""
    out = io.StringIO()
    try:
        call_command("verify_declarations", stdout=out, **kwargs)
    except CommandError as error:
        return error.returncode, out.getvalue() + str(error)
    return 0, out.getvalue()


def declaration_name(declaration):
    return (
        f"Erklärung Nr. {declaration.pk} von {declaration.organisation.name} "
        f"zur Fassung {declaration.agreement_version.number}"
    )


# The seal and verify_declarations


def test_an_untouched_database_verifies_and_exits_zero(declaration, other_declaration):
    status, output = verify()
    assert status == 0
    assert "2 Erklärung(en) und 1 Fassung(en) geprüft, 0 Abweichung(en)." in output
    check = SealCheck.objects.get()
    assert check.ok
    assert (check.declarations, check.versions) == (2, 1)


def test_the_seal_is_keyed_and_stored_with_its_key_id(declaration):
    assert declaration.seal_key_id == sealing.key_id(
        "test-seal-key-only-for-the-test-suite-fedcba9876543210"
    )
    assert len(declaration.seal) == 64
    assert declaration.signer_email == "vertretung@example.org"
    # Neither the plain SHA-256 of the payload nor the unkeyed hash is the seal.
    plain = hashlib.sha256(sealing.canonical(declaration.seal_payload())).hexdigest()
    assert declaration.seal not in {plain, declaration.sha256}


def test_a_signer_name_rewritten_by_sql_is_named(declaration, other_declaration):
    with as_database_admin("partners_declaration") as cursor:
        cursor.execute(
            "UPDATE partners_declaration SET signer_name = %s WHERE id = %s",
            ["Fremde Person", declaration.pk],
        )
    status, output = verify()
    assert status == 1
    assert declaration_name(declaration) in output
    assert "Siegel stimmt nicht" in output
    assert declaration_name(other_declaration) not in output
    assert "1 Abweichung(en)" in output
    assert SealCheck.objects.get().failures[0]["id"] == declaration.pk


def test_organisation_data_rewritten_with_a_recomputed_plain_hash_is_named(declaration):
    data = {**declaration.organisation_data, "name": "Untergeschobener Verein e. V."}
    version = declaration.agreement_version
    recomputed = Declaration.compute_sha256(version.text, data)
    with as_database_admin("partners_declaration") as cursor:
        cursor.execute(
            "UPDATE partners_declaration SET organisation_data = %s, sha256 = %s WHERE id = %s",
            [json.dumps(data), recomputed, declaration.pk],
        )
    stored = Declaration.objects.get(pk=declaration.pk)
    # The unkeyed hash is fooled, the keyed seal is not.
    assert stored.sha256 == Declaration.compute_sha256(version.text, stored.organisation_data)
    assert not stored.verify()
    status, output = verify()
    assert status == 1
    assert declaration_name(declaration) in output


def test_an_agreement_text_rewritten_by_sql_names_the_version_and_its_declarations(
    declaration, other_declaration
):
    version = declaration.agreement_version
    text = version.text.replace("Netzwerk", "Verein", 1)
    assert text != version.text
    with as_database_admin("partners_agreementversion") as cursor:
        cursor.execute(
            "UPDATE partners_agreementversion SET text = %s, sha256 = %s WHERE id = %s",
            [text, hashlib.sha256(text.encode()).hexdigest(), version.pk],
        )
    status, output = verify()
    assert status == 1
    assert f"Fassung {version.number}: Siegel stimmt nicht" in output
    assert declaration_name(declaration) in output
    assert declaration_name(other_declaration) in output
    assert "3 Abweichung(en)" in output


@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("signer_function", "Kassenwart"),
        ("place", "Celle"),
        ("signed_at", datetime.datetime(2020, 1, 2, 3, 4, 5, tzinfo=datetime.UTC)),
        ("signer_email", "jemand@example.org"),
        ("seal_key_id", "000000000000"),
    ],
)
def test_every_signed_column_is_covered(declaration, column, value):
    with as_database_admin("partners_declaration") as cursor:
        cursor.execute(
            f"UPDATE partners_declaration SET {column} = %s WHERE id = %s",  # noqa: S608
            [
                connection.ops.adapt_datetimefield_value(value) if column == "signed_at" else value,
                declaration.pk,
            ],
        )
    assert not Declaration.objects.get(pk=declaration.pk).verify()
    status, output = verify()
    assert status == 1
    assert declaration_name(declaration) in output


def test_moving_a_declaration_to_another_organisation_is_named(declaration):
    other = OrganisationFactory(name="Andere Initiative")
    with as_database_admin("partners_declaration") as cursor:
        cursor.execute(
            "UPDATE partners_declaration SET organisation_id = %s WHERE id = %s",
            [other.pk, declaration.pk],
        )
    status, output = verify()
    assert status == 1
    assert f"Erklärung Nr. {declaration.pk} von Andere Initiative" in output


def test_rotation_old_keys_still_verify_and_new_seals_use_the_new_key(declaration):
    old_key = "test-seal-key-only-for-the-test-suite-fedcba9876543210"
    new_key = "the-new-seal-key-after-rotation-0123456789abcdef"
    with override_settings(DECLARATION_SEAL_KEY=new_key, DECLARATION_SEAL_OLD_KEYS=[old_key]):
        assert Declaration.objects.get(pk=declaration.pk).verify()
        newer = sign(OrganisationFactory(name="Neue Initiative"))
        assert newer.seal_key_id == sealing.key_id(new_key) != declaration.seal_key_id
        assert verify()[0] == 0
    # A key that is no longer configured (e.g. dropped after it leaked) names its seals.
    with override_settings(DECLARATION_SEAL_KEY=new_key, DECLARATION_SEAL_OLD_KEYS=[]):
        status, output = verify()
    assert status == 1
    assert declaration_name(declaration) in output
    assert f"Schlüssel „{declaration.seal_key_id}“ ist nicht konfiguriert" in output
    assert "Neue Initiative" not in output


def test_the_migration_seals_what_exists_when_it_runs(declaration):
    from importlib import import_module

    from django.db.migrations.loader import MigrationLoader

    with as_database_admin("partners_declaration", "partners_agreementversion") as cursor:
        cursor.execute("UPDATE partners_declaration SET seal = '', seal_key_id = ''")
        cursor.execute("UPDATE partners_agreementversion SET seal = '', seal_key_id = ''")
        assert verify()[0] == 1
        state = MigrationLoader(connection).project_state(
            ("partners", "0007_seal_existing_records")
        )
        import_module("partners.migrations.0007_seal_existing_records").seal_existing(
            state.apps, None
        )
    assert verify()[0] == 0


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


# The coordinators' overview and the nightly task


def test_the_overview_warns_until_a_check_ran_and_shows_the_last_one(declaration, client_as, clock):
    clock(datetime.datetime(2027, 3, 1, 3, 0, tzinfo=BERLIN))
    client = client_as("coordinator")
    page = client.get(reverse("coordination")).text
    assert "Die Siegel wurden noch nie geprüft." in page
    assert verify()[0] == 0
    page = client.get(reverse("coordination")).text
    assert "Letzte Prüfung am 1. März 2027, 03:00 Uhr" in page
    assert "Alle Siegel stimmen." in page
    assert "noch nie" not in page
    clock(datetime.datetime(2027, 3, 3, 12, 0, tzinfo=BERLIN))
    page = client.get(reverse("coordination")).text
    assert "älter als zwei Tage" in page


def test_the_overview_names_what_failed(declaration, client_as):
    with as_database_admin("partners_declaration") as cursor:
        cursor.execute(
            "UPDATE partners_declaration SET place = %s WHERE id = %s", ["Celle", declaration.pk]
        )
    assert verify()[0] == 1
    page = client_as("coordinator").get(reverse("coordination")).text
    assert "Die letzte Prüfung hat Abweichungen gefunden." in page
    assert declaration_name(declaration) in page


@pytest.fixture
def worker_queue(settings):
    """The database queue of the task worker, as in production."""
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default", "mail"]}
    }


def test_the_nightly_task_checks_stores_and_queues_the_next_night(declaration, clock, worker_queue):
    from django_tasks_db.models import DBTaskResult

    from partners.tasks import verify_seals_task

    clock(datetime.datetime(2027, 5, 10, 3, 0, 5, tzinfo=BERLIN))
    result = verify_seals_task.call()
    assert result == {"checked": 2, "failed": 0}
    assert SealCheck.objects.get().ok
    queued = DBTaskResult.objects.get(task_path="partners.tasks.verify_seals_task")
    assert queued.status == "READY"
    assert timezone.localtime(queued.run_after) == datetime.datetime(
        2027, 5, 11, 3, 0, tzinfo=BERLIN
    )
    # The sweep and the command find it queued and add no second one.
    call_command("carry_out_exits", stdout=io.StringIO())
    verify()
    assert DBTaskResult.objects.filter(task_path="partners.tasks.verify_seals_task").count() == 1


def test_the_daily_sweep_queues_the_check_if_it_went_missing(db, worker_queue):
    from django_tasks_db.models import DBTaskResult

    call_command("carry_out_exits", stdout=io.StringIO())
    assert DBTaskResult.objects.filter(
        task_path="partners.tasks.verify_seals_task", status="READY"
    ).exists()


# Settings


def test_without_a_seal_key_production_settings_refuse_to_start():
    from tests.test_settings import PRODUCTION, _manage

    result = _manage("check", env={**PRODUCTION, "DECLARATION_SEAL_KEY": ""})
    assert result.returncode != 0
    assert "DECLARATION_SEAL_KEY fehlt" in result.stderr


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
