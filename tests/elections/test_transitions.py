from http import HTTPStatus

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from elections import services
from elections.models import Election, ElectorateMember, Nomination
from tests.elections.factories import election_with_candidates, representative_of
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def test_every_transition_refuses_a_non_coordinator(coordinator, representative, candidates):
    election = services.create_election(by=coordinator, title="Wahl")
    for service in [services.open_nominations, services.open_voting, services.close_voting]:
        with pytest.raises(PermissionDenied):
            service(election=election, by=representative)
    with pytest.raises(PermissionDenied):
        services.create_election(by=representative, title="Wahl")
    with pytest.raises(PermissionDenied):
        services.publish_result(election=election, start=timezone.localdate(), by=representative)


def test_wrong_state_transitions_are_refused(coordinator, candidates):
    draft = services.create_election(by=coordinator, title="Entwurf")
    with pytest.raises(ValidationError):
        services.open_voting(election=draft, by=coordinator)
    with pytest.raises(ValidationError):
        services.close_voting(election=draft, by=coordinator)
    with pytest.raises(ValidationError):
        services.publish_result(election=draft, start=timezone.localdate(), by=coordinator)
    election = election_with_candidates(coordinator, candidates[:1])
    with pytest.raises(ValidationError):
        services.open_nominations(election=election, by=coordinator)
    with pytest.raises(ValidationError):
        services.enter_paper_result(election=election, ballots=1, votes={}, by=coordinator)
    services.cancel_election(election=election, by=coordinator)
    with pytest.raises(ValidationError):
        services.open_voting(election=election, by=coordinator)
    with pytest.raises(ValidationError):
        services.cancel_election(election=election, by=coordinator)


def test_wrong_transition_via_the_page_shows_a_message(coordinator, client_as):
    draft = services.create_election(by=coordinator, title="Entwurf")
    client = client_as("coordinator")
    response = client.post(reverse("elections:close", kwargs={"pk": draft.pk}), follow=True)
    assert response.status_code == HTTPStatus.OK
    assert "Nur eine laufende Abstimmung" in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == Election.Status.DRAFT


def test_open_voting_freezes_the_electorate(coordinator, candidates, partner_org):
    election = election_with_candidates(coordinator, candidates[:1])
    OrganisationFactory(name="Ausgetreten", status="left", joined_on=None)
    services.open_voting(election=election, by=coordinator)
    members = set(
        ElectorateMember.objects.filter(election=election).values_list(
            "organisation__name", flat=True
        )
    )
    assert "Ausgetreten" not in members
    assert partner_org.name in members
    OrganisationFactory(name="Später dazu")
    assert not ElectorateMember.objects.filter(organisation__name="Später dazu").exists()


def test_open_voting_needs_an_accepted_candidate(coordinator):
    election = services.create_election(by=coordinator, title="Leer")
    services.open_nominations(election=election, by=coordinator)
    with pytest.raises(ValidationError, match="angenommen"):
        services.open_voting(election=election, by=coordinator)


def test_nomination_rules(
    coordinator,
    representative,
    partner_org,
    coordinating_org,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    election = services.create_election(by=coordinator, title="Wahl")
    with pytest.raises(ValidationError):
        services.nominate_organisation(
            election=election, organisation=partner_org, nominated_by=partner_org, by=representative
        )
    services.open_nominations(election=election, by=coordinator)
    with pytest.raises(ValidationError, match="nicht koordinierende"):
        services.nominate_organisation(
            election=election,
            organisation=coordinating_org,
            nominated_by=partner_org,
            by=representative,
        )
    other = OrganisationFactory(name="Andere Initiative")
    with pytest.raises(PermissionDenied):
        services.nominate_organisation(
            election=election, organisation=other, nominated_by=other, by=representative
        )
    other_rep = representative_of(other)
    with django_capture_on_commit_callbacks(execute=True):
        nomination = services.nominate_organisation(
            election=election, organisation=other, nominated_by=partner_org, by=representative
        )
    assert nomination.status == Nomination.Status.PROPOSED
    assert [m.to for m in mailoutbox] == [[other_rep.email]]
    assert "/annehmen/" in mailoutbox[0].body
    with pytest.raises(ValidationError, match="bereits vorgeschlagen"):
        services.nominate_organisation(
            election=election, organisation=other, nominated_by=partner_org, by=representative
        )
    with pytest.raises(PermissionDenied):
        services.accept_nomination(nomination=nomination, statement="Ja", by=representative)
    services.decline_nomination(nomination=nomination, by=other_rep)
    nomination.refresh_from_db()
    assert nomination.status == Nomination.Status.DECLINED
    assert not election.nominations.accepted().exists()


def test_nominee_accepts_in_the_browser_flow(coordinator, representative, partner_org, client_as):
    election = services.create_election(by=coordinator, title="Wahl")
    services.open_nominations(election=election, by=coordinator)
    client = client_as("representative")
    response = client.post(
        reverse("elections:nominate", kwargs={"pk": election.pk}),
        {"organisation": partner_org.pk, "nominated_by": partner_org.pk},
    )
    assert response.status_code == HTTPStatus.FOUND
    nomination = election.nominations.get()
    response = client.post(
        reverse("elections:nomination_accept", kwargs={"pk": nomination.pk}),
        {"statement": "Wir bringen Erfahrung mit."},
    )
    assert response.status_code == HTTPStatus.FOUND
    nomination.refresh_from_db()
    assert nomination.status == Nomination.Status.ACCEPTED
    assert (
        "Wir bringen Erfahrung mit."
        in client_as("anonymous").get(election.get_absolute_url()).content.decode()
    )
