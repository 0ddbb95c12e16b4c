"""An election's way from the draft through nominations to voting, or its cancellation."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from elections import policies
from elections.eligibility import eligible_organisations
from elections.models import ELECTED_SEATS, Election, ElectorateMember
from elections.services.ballot import _shuffle_ballots
from elections.services.common import _lock


@transaction.atomic
def create_election(
    *,
    by,
    title,
    seats=ELECTED_SEATS,
    description="",
    nominations_until=None,
    voting_until=None,
    coordinators_vote=True,
    is_paper=False,
):
    """Create an election in draft; only coordinators may.

    A draft holds no seats: it can be prepared while another election runs, and is
    opened once that one is counted (see policies.can_open_nominations).
    """
    policies.can_create_election(by).enforce()
    election = Election(
        title=title,
        seats=seats,
        description=description,
        nominations_until=nominations_until,
        voting_until=voting_until,
        coordinators_vote=coordinators_vote,
        is_paper=is_paper,
    )
    election.full_clean()
    election.save()
    return election


@transaction.atomic
def open_nominations(*, election, by):
    """Move a draft to open nominations, if no open election holds its seats."""
    policies.can_create_election(by).enforce()
    election = _lock(election)
    # Opening elections one after the other: the open ones' seats are read under a lock.
    list(Election.objects.open().select_for_update().values_list("pk", flat=True))
    policies.can_open_nominations(by, election).enforce()
    election.status = Election.Status.NOMINATIONS
    election.save(update_fields=["status"])
    return election


@transaction.atomic
def cancel_election(*, election, by):
    """Cancel an election that has no result yet."""
    policies.can_create_election(by).enforce()
    election = _lock(election)
    policies.can_cancel_election(by, election).enforce()
    was_voting = election.status == Election.Status.VOTING
    election.status = Election.Status.CANCELLED
    election.save(update_fields=["status"])
    if was_voting:
        # Its ballots stay (final), uncounted, and as unlinkable as a closed election's.
        _shuffle_ballots(election)
    return election


@transaction.atomic
def open_voting(*, election, by):
    """Open voting and freeze the electorate: the active partners at this moment."""
    policies.can_create_election(by).enforce()
    election = _lock(election)
    policies.can_open_voting(by, election).enforce()
    if not election.nominations.accepted().exists():
        raise ValidationError(_("Es gibt noch keine Kandidatur, die angenommen wurde."))
    election.status = Election.Status.VOTING
    election.voting_opened_at = timezone.now()
    voters = eligible_organisations(election)
    ElectorateMember.objects.bulk_create(
        ElectorateMember(election=election, organisation=o) for o in voters
    )
    election.electorate_size = voters.count()
    election.save(update_fields=["status", "voting_opened_at", "electorate_size"])
    return election
