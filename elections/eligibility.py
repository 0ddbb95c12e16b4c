"""Who may vote in an election, and who may stand: the one answer to each question.

Before voting opens, the organisations entitled to vote are the network's active
partners, the coordinating ones only if the election lets the coordination vote
(`eligible_organisations`: what opening the vote freezes, and what bounds a paper
election's count). Opening the vote freezes them as the election's electorate
(`ElectorateMember`); from then on an organisation may vote if, and only if, it is in
that electorate (`is_eligible`, `eligible_ids_among`, `voting_organisation`), whatever
its status later.

Who may be nominated: an active partner that is not a coordinating organisation
(`nominable_organisations`, `is_nominable`).
"""

from elections.models import BallotReceipt
from partners.models import Organisation


def eligible_organisations(election):
    """The organisations entitled to vote now: active partners (coordinators if they vote)."""
    voters = Organisation.objects.active()
    if not election.coordinators_vote:
        voters = voters.filter(is_coordinating=False)
    return voters


def eligible_ids_among(election, organisations):
    """Ids of those of `organisations` that are in the election's frozen electorate.

    Only the given organisations are looked up: at a national network's scale the
    electorate has tens of thousands of rows.
    """
    return set(
        election.electorate.filter(organisation__in=organisations).values_list(
            "organisation_id", flat=True
        )
    )


def is_eligible(organisation, election):
    """The organisation may cast a ballot: it is in the electorate frozen at opening."""
    return election.electorate.filter(organisation=organisation).exists()


def voting_organisation(election, organisations):
    """The organisation a representative of `organisations` votes for, and its receipt.

    The first eligible one that has not voted yet (receipt None); if all have voted,
    the first eligible one with its receipt; (None, None) if none is eligible.
    """
    electorate = eligible_ids_among(election, organisations)
    eligible = [o for o in organisations if o.pk in electorate]
    receipts = {
        r.organisation_id: r
        for r in BallotReceipt.objects.filter(election=election, organisation__in=eligible)
    }
    for organisation in eligible:
        if organisation.pk not in receipts:
            return organisation, None
    if eligible:
        return eligible[0], receipts[eligible[0].pk]
    return None, None


def nominable_organisations():
    """The organisations that can be nominated: active partners, not coordinating."""
    return Organisation.objects.active().filter(is_coordinating=False)


def is_nominable(organisation):
    """The organisation can be nominated (see nominable_organisations)."""
    return organisation.is_active and not organisation.is_coordinating
