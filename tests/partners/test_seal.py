"""The keyed seal of declarations and agreement versions, against someone who can write
to the database (issue 15): rows rewritten by SQL are named by `verify_declarations`,
the coordinators' overview shows the last check, and the nightly task repeats it.

The sealed rows themselves (published versions, PostgreSQL's trigger, corrections
beside the row, the PDF, deleted accounts) are tested in test_sealed_rows.py.
"""

import datetime
import hashlib
import io
import json
import zoneinfo

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from partners import seal as sealing
from partners.models import Declaration, SealCheck
from tests.factories import OrganisationFactory
from tests.partners.factories import sign
from tests.partners.seals import as_database_admin, declaration_name, verify

pytestmark = pytest.mark.django_db

BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")


@pytest.fixture
def declaration(partner_org, representative):
    return sign(partner_org, representative)


@pytest.fixture
def other_declaration(db):
    return sign(OrganisationFactory(name="Stadtteilladen Vahrenheide"))


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
