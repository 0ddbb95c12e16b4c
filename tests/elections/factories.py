"""Elections built through the services, in any state a test needs."""

import contextlib
import datetime

import time_machine
from django.utils import timezone

from elections import services
from elections.models import ELECTED_SEATS
from elections.policies import seats_held_open
from partners.models import Organisation
from tests.factories import ContactFactory, OrganisationFactory, UserFactory


def representative_of(organisation, email=None):
    """A user who represents the organisation."""
    user = UserFactory(email=email or f"vertretung@{organisation.slug}.example.org")
    ContactFactory(organisation=organisation, user=user, is_representative=True)
    return user


def candidate(name):
    organisation = OrganisationFactory(name=name)
    return organisation, representative_of(organisation)


def election_with_candidates(coordinator, candidates, *, seats=None, is_paper=False, **kwargs):
    """An election with open nominations in which each (organisation, user) pair stands.

    `seats` defaults to the seats no other open election holds (three if none is open).
    """
    if seats is None:
        seats = max(1, ELECTED_SEATS - seats_held_open())
    election = services.create_election(
        by=coordinator,
        title=kwargs.pop("title", "Wahl der Sprechergruppe"),
        seats=seats,
        is_paper=is_paper,
        **kwargs,
    )
    services.open_nominations(election=election, by=coordinator)
    for organisation, user in candidates:
        nomination = services.nominate_organisation(
            election=election, organisation=organisation, nominated_by=organisation, by=user
        )
        services.accept_nomination(
            nomination=nomination, statement=f"{organisation.name} stellt sich vor.", by=user
        )
    election.refresh_from_db()
    return election


def voting_election(coordinator, candidates, **kwargs):
    election = election_with_candidates(coordinator, candidates, **kwargs)
    return services.open_voting(election=election, by=coordinator)


def held_on(day):
    """Python's clock at noon in Hannover on `day` (an election held in the past)."""
    moment = timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))
    return time_machine.travel(moment, tick=False)


def published_election(coordinator, candidates, *, start=None, votes=None, **kwargs):
    """A paper election, counted and published: the candidates hold terms from `start`.

    A term begins on or after the day of counting, so an election whose terms began in
    the past was held (created, counted and published) on its start day.
    """
    start = start or timezone.localdate() - datetime.timedelta(days=30)
    today = timezone.localdate()
    with held_on(start) if start < today else contextlib.nullcontext():
        election = election_with_candidates(coordinator, candidates, is_paper=True, **kwargs)
        nominations = list(election.nominations.order_by("pk"))
        votes = votes or {n.pk: len(nominations) - i for i, n in enumerate(nominations)}
        ballots = Organisation.objects.active().count()
        services.enter_paper_result(election=election, ballots=ballots, votes=votes, by=coordinator)
        return services.publish_result(election=election, start=start, by=coordinator)


def nomination_of(election, organisation):
    return election.nominations.get(organisation=organisation)
