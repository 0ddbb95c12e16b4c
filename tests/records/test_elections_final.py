"""The walk: every final record of the elections app against every write path.

A published election (its result), its nominations and terms, and the ballots, their
crosses and the receipts of an online election: their action views, the admin, the
services, Model.save(), QuerySet.update()/delete() and delete() refuse; record_correction
changes a result, a nomination or a term and the correction is shown where the record
is shown; ballots and receipts are never changed, not even by a correction.
"""

import datetime
from http import HTTPStatus
from types import SimpleNamespace

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from core.models import Correction
from core.records import FinalRecordError, GuardedRecord
from core.services import record_correction
from elections import services
from elections.models import (
    Ballot,
    BallotChoice,
    BallotReceipt,
    Election,
    Nomination,
    Term,
    term_end,
)
from tests.elections.factories import candidate, voting_election
from tests.meetings.factories import berlin

pytestmark = pytest.mark.django_db

GOVERNED = [Election, Nomination, Term, BallotReceipt, Ballot, BallotChoice]


def test_every_guarded_model_of_the_app_is_walked():
    from django.apps import apps

    guarded = {
        m for m in apps.get_app_config("elections").get_models() if issubclass(m, GuardedRecord)
    }
    assert guarded == set(GOVERNED)


@pytest.fixture
def final(clock, coordinator):
    """An online election, voted, counted and published on 6 December 2026."""
    clock(berlin(2026, 12, 6, 12))
    stands = [candidate("Kulturkiste Bothfeld"), candidate("Lernpaten Bemerode")]
    election = voting_election(coordinator, stands, seats=1)
    winner = election.nominations.get(organisation=stands[0][0])
    for _organisation, user in stands:
        services.cast_ballot(election=election, representative=user, choices=[winner.pk])
    services.close_voting(election=election, by=coordinator)
    election = services.publish_result(
        election=election, start=datetime.date(2026, 12, 6), by=coordinator
    )
    return SimpleNamespace(
        election=election,
        other_election=services.create_election(by=coordinator, title="Nächste Wahl"),
        nomination=winner,
        term=Term.objects.get(election=election),
        receipt=BallotReceipt.objects.filter(election=election).first(),
        ballot=Ballot.objects.filter(election=election).first(),
        choice=BallotChoice.objects.filter(ballot__election=election).first(),
    )


def _records(final):
    return {
        Election: final.election,
        Nomination: final.nomination,
        Term: final.term,
        BallotReceipt: final.receipt,
        Ballot: final.ballot,
        BallotChoice: final.choice,
    }


# A changed value for one field of each model (a locked one).
CHANGES = {
    Election: ("title", "Umgeschrieben"),
    Nomination: ("votes", 99),
    Term: ("end", datetime.date(2028, 6, 1)),
    BallotReceipt: ("cast_by_name", "Jemand anderes"),
    Ballot: ("election_id", None),
    BallotChoice: ("nomination_id", None),
}


@pytest.mark.parametrize("model", GOVERNED, ids=lambda m: m.__name__)
def test_every_governed_record_is_final(final, model):
    assert _records(final)[model].is_final()


@pytest.mark.parametrize("model", GOVERNED, ids=lambda m: m.__name__)
def test_save_with_a_changed_field_is_refused(final, model):
    record = _records(final)[model]
    name, value = CHANGES[model]
    if value is None:  # a foreign key: point it at another row of the same kind
        value = (
            final.other_election.pk
            if name == "election_id"
            else final.election.nominations.exclude(pk=record.nomination_id).get().pk
        )
    setattr(record, name, value)
    with pytest.raises(FinalRecordError):
        record.save()


@pytest.mark.parametrize("model", GOVERNED, ids=lambda m: m.__name__)
def test_queryset_update_and_delete_are_refused(final, model):
    record = _records(final)[model]
    name, value = CHANGES[model]
    rows = model.objects.filter(pk=record.pk)
    if not name.endswith("_id"):
        with pytest.raises(FinalRecordError):
            rows.update(**{name: value})
    with pytest.raises(FinalRecordError):
        rows.delete()
    with pytest.raises(FinalRecordError):
        record.delete()
    assert model.objects.filter(pk=record.pk).exists()


def test_term_reminder_bookkeeping_still_changes(final):
    """reminder_sent_at is bookkeeping, not part of the final record."""
    Term.objects.filter(pk=final.term.pk).update(reminder_sent_at=None)


# The election's pages and services ----------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    ["open_nominations", "open_voting", "close", "cancel", "runoff"],
)
def test_action_views_refuse_a_published_election(final, client_as, name):
    response = client_as("coordinator").post(
        reverse(f"elections:{name}", kwargs={"pk": final.election.pk}), follow=True
    )
    assert response.status_code == HTTPStatus.OK
    final.election.refresh_from_db()
    assert final.election.status == Election.Status.PUBLISHED


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("publish", {"start": "2027-02-01"}),
        ("lot", {"winners": [], "note": "nochmal"}),
        ("paper_result", {"ballots": 1}),
    ],
)
def test_form_views_refuse_a_published_election(final, client_as, name, data):
    response = client_as("coordinator").post(
        reverse(f"elections:{name}", kwargs={"pk": final.election.pk}), data
    )
    assert response.status_code == HTTPStatus.OK
    assert response.context["form"].errors
    assert Term.objects.count() == 1


def test_services_refuse_a_published_election(final, coordinator):
    election = final.election
    calls = [
        lambda: services.open_nominations(election=election, by=coordinator),
        lambda: services.open_voting(election=election, by=coordinator),
        lambda: services.close_voting(election=election, by=coordinator),
        lambda: services.cancel_election(election=election, by=coordinator),
        lambda: services.resolve_tie_by_runoff(election=election, by=coordinator),
        lambda: services.resolve_tie_by_lot(
            election=election, winners=[], note="x", by=coordinator
        ),
        lambda: services.enter_paper_result(election=election, ballots=1, votes={}, by=coordinator),
        lambda: services.publish_result(
            election=election, start=datetime.date(2027, 2, 1), by=coordinator
        ),
        lambda: services.accept_nomination(
            nomination=final.nomination, statement="neu", by=coordinator
        ),
        lambda: services.decline_nomination(nomination=final.nomination, by=coordinator),
    ]
    for call in calls:
        with pytest.raises((ValidationError, PermissionDenied)):
            call()
    election.refresh_from_db()
    assert election.status == Election.Status.PUBLISHED


def test_ballots_cannot_be_cast_again(final):
    organisation = final.receipt.organisation
    user = organisation.contacts.get().user
    with pytest.raises(ValidationError):
        services.cast_ballot(election=final.election, representative=user, choices=[])
    assert Ballot.objects.filter(election=final.election).count() == 2


# The admin -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("model", "data"),
    [
        (Election, {"title": "Umgeschrieben", "seats": 3}),
        (Term, {"end": "2028-06-01"}),
        (BallotReceipt, {"cast_by_name": "Jemand"}),
    ],
    ids=["Election", "Term", "BallotReceipt"],
)
def test_admin_change_and_delete_are_refused(final, client_as, model, data):
    record = _records(final)[model]
    info = f"admin:elections_{model._meta.model_name}"
    client = client_as("coordinator")
    before = model.objects.filter(pk=record.pk).values().get()
    response = client.post(reverse(f"{info}_change", args=[record.pk]), data)
    assert response.status_code == HTTPStatus.FORBIDDEN
    response = client.post(reverse(f"{info}_delete", args=[record.pk]), {"post": "yes"})
    assert response.status_code == HTTPStatus.FORBIDDEN
    client.post(
        reverse(f"{info}_changelist"),
        {"action": "delete_selected", "_selected_action": [record.pk], "post": "yes"},
    )
    assert model.objects.filter(pk=record.pk).values().get() == before


def test_ballots_and_their_crosses_are_not_in_the_admin():
    from django.contrib import admin

    assert Ballot not in admin.site._registry
    assert BallotChoice not in admin.site._registry
    assert Nomination not in admin.site._registry


# Corrections ------------------------------------------------------------------------------------


def test_a_term_end_is_corrected_and_shown_on_the_speaker_group_and_election_pages(
    final, client_as
):
    client = client_as("coordinator")
    url = reverse("elections:term_correct", kwargs={"pk": final.term.pk})
    # Coordinators find the step on both pages; nobody else sees it.
    for page_url in (reverse("elections:speaker_group"), final.election.get_absolute_url()):
        assert url in client.get(page_url).content.decode()
        assert url not in client_as("representative").get(page_url).content.decode()
    # Longer than two years: refused by the term's own rule.
    response = client.post(url, {"end": "2030-01-01", "reason": "Verlängert"})
    assert response.status_code == HTTPStatus.OK
    assert "höchstens zwei Jahre" in response.content.decode()
    # Without a reason: refused.
    response = client.post(url, {"end": "2028-06-01", "reason": ""})
    assert response.status_code == HTTPStatus.OK

    response = client.post(
        url, {"end": "2028-06-01", "reason": "Die Organisation hat das Netzwerk verlassen."}
    )
    assert response.status_code == HTTPStatus.FOUND
    final.term.refresh_from_db()
    assert final.term.end == datetime.date(2028, 6, 1)
    correction = Correction.objects.of(final.term).get()
    assert correction.original == {"end": "6. Dezember 2028"}
    anonymous = client_as("anonymous")
    for page_url in (reverse("elections:speaker_group"), final.election.get_absolute_url()):
        page = anonymous.get(page_url).content.decode()
        assert "berichtigt am 6. Dezember 2026" in page
        assert "Die Organisation hat das Netzwerk verlassen." in page
        assert "ursprünglich „6. Dezember 2028“" in page


def test_a_published_result_is_corrected_and_shown(final, client_as):
    response = client_as("coordinator").post(
        reverse("elections:correct", kwargs={"pk": final.election.pk}),
        {
            "title": "Wahl der Sprechergruppe 2027",
            "description": "",
            "lot_note": "",
            "reason": "Jahreszahl ergänzt",
        },
    )
    assert response.status_code == HTTPStatus.FOUND
    final.election.refresh_from_db()
    assert final.election.title == "Wahl der Sprechergruppe 2027"
    page = client_as("anonymous").get(final.election.get_absolute_url()).content.decode()
    assert "Jahreszahl ergänzt" in page
    assert "ursprünglich „Wahl der Sprechergruppe“" in page


def test_a_nomination_count_is_corrected_and_shown(final, coordinator, client_as):
    record_correction(
        record=final.nomination,
        changes={"votes": 3},
        reason="Ein Stimmzettel wurde nachgezählt.",
        by=coordinator,
    )
    final.nomination.refresh_from_db()
    assert final.nomination.votes == 3
    page = client_as("anonymous").get(final.election.get_absolute_url()).content.decode()
    assert "Ein Stimmzettel wurde nachgezählt." in page


@pytest.mark.parametrize("model", [BallotReceipt, Ballot, BallotChoice], ids=lambda m: m.__name__)
def test_ballots_and_receipts_are_not_corrected_either(final, coordinator, model):
    record = _records(final)[model]
    name, value = {
        BallotReceipt: ("cast_by_name", "Jemand"),
        Ballot: ("election", final.other_election),
        BallotChoice: ("nomination", final.election.nominations.exclude(elected=True).get()),
    }[model]
    with pytest.raises(ValidationError):
        record_correction(record=record, changes={name: value}, reason="Nein", by=coordinator)
    assert not Correction.objects.exists()


def test_strangers_cannot_correct(final, client_as):
    for role in ("representative", "speaker"):
        response = client_as(role).post(
            reverse("elections:term_correct", kwargs={"pk": final.term.pk}),
            {"end": "2028-06-01", "reason": "x"},
        )
        assert response.status_code == HTTPStatus.FORBIDDEN
    final.term.refresh_from_db()
    assert final.term.end == term_end(final.term.start)
