"""Two requests at once must not sign twice or decide twice (check on PostgreSQL too)."""

import datetime
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import OperationalError, connection

from partners import services
from partners.models import AgreementVersion, Declaration, Organisation
from tests.factories import OrganisationFactory
from tests.partners.factories import representative_of, sign

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _agreement(db):
    # Threads need committed data; don't rely on the restored migration rows alone.
    AgreementVersion.objects.get_or_create(
        number=1,
        defaults={
            "title": "Kooperationsvereinbarung",
            "text": "1.) Wir arbeiten zusammen.",
            "valid_from": datetime.date(2015, 1, 1),
        },
    )


def _refusals():
    # SQLite has no row locks: it refuses a concurrent writer with "table is locked".
    if connection.vendor == "sqlite":
        return (ValidationError, OperationalError)
    return (ValidationError,)


def _race(*calls):
    """Run the calls in threads released together; return results or raised errors."""
    barrier = threading.Barrier(len(calls))
    results = [None] * len(calls)

    def run(index, call):
        try:
            barrier.wait()
            results[index] = call()
        except Exception as error:  # noqa: BLE001 - the outcome is what the test compares
            results[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def test_two_simultaneous_signatures_give_one_declaration(partner_org, representative):
    def signing():
        return sign(partner_org, representative)

    results = _race(signing, signing)
    count = Declaration.objects.filter(organisation=partner_org).count()
    errors = [r for r in results if isinstance(r, Exception)]
    assert all(isinstance(error, _refusals()) for error in errors), errors
    assert count == len(results) - len(errors)
    assert count == 1 or (connection.vendor == "sqlite" and count == 0)


def test_simultaneous_approve_and_reject_decide_once(coordinator):
    organisation = OrganisationFactory(
        name="Gleichzeitig", status=Organisation.Status.APPLICANT, joined_on=None
    )
    sign(organisation, representative_of(organisation))
    results = _race(
        lambda: services.approve_application(organisation=organisation, by=coordinator),
        lambda: services.reject_application(organisation=organisation, by=coordinator, reason="x"),
    )
    errors = [r for r in results if isinstance(r, Exception)]
    assert all(isinstance(error, _refusals()) for error in errors), errors
    organisation.refresh_from_db()
    if len(errors) == 1:
        assert organisation.status in (Organisation.Status.ACTIVE, Organisation.Status.REJECTED)
    else:
        # Only SQLite may refuse both writers (it locks the whole table).
        assert connection.vendor == "sqlite" and len(errors) == len(results)
        assert organisation.status == Organisation.Status.APPLICANT
