import functools

from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce

from core.fragments import LaterValues
from core.roles import get_roles
from elections import policies
from elections.models import BallotReceipt, Election, ElectorateMember, Nomination
from elections.services import reminder_due


def coordination_panels(request):
    roles = get_roles(request.user)
    if not roles.may_read_coordination:
        return []
    # Read only when the panel's fragment is rendered afresh (core/fragments.py).
    return [
        LaterValues(
            functools.partial(_panel, request.user),
            template="elections/includes/_coordination_panel.html",
            order=40,
            depends="elections partners",
            is_coordinator=roles.is_coordinator,
        )
    ]


def _panel(user):
    # The turnout counted per election from the receipts' index (a subquery), not by
    # joining and grouping all receipts of all running elections.
    receipts = (
        BallotReceipt.objects.filter(election=OuterRef("pk"))
        .order_by()
        .values("election")
        .annotate(count=Count("pk"))
        .values("count")
    )
    elections = list(
        Election.objects.running()
        .annotate(turnout=Coalesce(Subquery(receipts), 0))
        .order_by("created_at")
    )
    held = sum(e.seats for e in elections if e.status in Election.OPEN_STATES)
    # What the role allows: the fragment is kept per role (is_coordinator).
    for election in elections:
        election.actions = policies.election_actions(user, election, held=held)
    ending_terms = list(reminder_due())
    return {
        "ending_terms": ending_terms,
        # Any election not yet published or cancelled is the one being prepared.
        "prepare_election": bool(ending_terms) and not elections,
        "elections": elections,
    }


def my_network_sections(request):
    roles = get_roles(request.user)
    organisations = roles.organisations
    if not organisations:
        return []
    voting = list(
        ElectorateMember.objects.filter(
            organisation__in=organisations, election__status=Election.Status.VOTING
        ).select_related("election", "organisation")
    )
    receipts = {
        (r.election_id, r.organisation_id): r
        for r in BallotReceipt.objects.filter(
            election_id__in=[m.election_id for m in voting], organisation__in=organisations
        )
    }
    represented = {o.pk for o in roles.represented_organisations}
    open_votes = [
        {
            "election": m.election,
            "organisation": m.organisation,
            "receipt": receipts.get((m.election_id, m.organisation_id)),
            "may_vote": m.organisation_id in represented,
        }
        for m in voting
    ]
    awaiting = list(
        Nomination.objects.filter(
            organisation__in=organisations,
            status=Nomination.Status.PROPOSED,
            election__status=Election.Status.NOMINATIONS,
        ).select_related("election", "organisation", "nominated_by")
    )
    if not open_votes and not awaiting:
        return []
    return [
        {
            "template": "elections/includes/_my_network_section.html",
            "order": 40,
            "open_votes": open_votes,
            "awaiting": awaiting,
            "represented": represented,
        }
    ]


def personal_data(user):
    """The person's vote receipts and nominations: that they voted, never how."""
    receipts = BallotReceipt.objects.filter(cast_by=user).select_related("election", "organisation")
    nominations = Nomination.objects.filter(nominated_by_user=user).select_related(
        "election", "organisation"
    )
    return {
        "wahlen": {
            "stimmabgaben": [
                {
                    "wahl": r.election.title,
                    "organisation": r.organisation.name,
                    "abgegeben_am": r.cast_at.isoformat(),
                }
                for r in receipts
            ],
            "vorschlaege": [
                {"wahl": n.election.title, "organisation": n.organisation.name} for n in nominations
            ],
        }
    }
