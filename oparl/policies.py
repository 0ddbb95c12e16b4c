"""What the OParl endpoint may publish: the one place that decides it.

The endpoint is public and anonymous, so everything it shows is what an anonymous
visitor of the website may see, asked of the apps' own `visible_to` rules where they
have them. Nothing else ever appears:

| object | published when | never |
|---|---|---|
| Meeting | always (dates and titles are public) | invitations, answers, attendance |
| AgendaItem | `is_public` | internal items, their minutes |
| resolution text/result | the resolution is public and its item public | internal resolutions |
| File | a meeting document with `is_public` | internal documents |
| Person | a contact who consented to be public, of an active partner | every other contact |
| Organization (partner) | an active partner | applicants, rejected, left partners |
| Membership / LegislativeTerm | terms of published elections | elections, nominations, ballots, receipts |
| Membership (working group) | an active partner's active membership | requests, declined, the persons involved |

An object that was published once and is no longer (deleted, made internal, consent
withdrawn, partner left) is shown as `deleted: true` with nothing but its id, type and
dates (OParl 1.1, "Gelöschte Objekte"). An object that was never published is not
shown at all, not even as deleted.
"""

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q

from elections.models import Election, Term
from meetings.models import AgendaItem, Meeting, MeetingDocument, Resolution
from partners.models import Contact, Organisation
from workgroups.models import Membership, WorkingGroup

ANONYMOUS = AnonymousUser()


def meetings():
    return Meeting.objects.visible_to(ANONYMOUS)


def agenda_items():
    """Public items only, even though a reader of the internals could see more."""
    return AgendaItem.objects.filter(is_public=True).visible_to(ANONYMOUS)


def resolutions():
    return Resolution.objects.filter(is_public=True, agenda_item__is_public=True)


def files():
    return MeetingDocument.objects.filter(is_public=True)


def partners():
    return Organisation.objects.active()


def persons():
    return Contact.objects.public().filter(organisation__in=partners())


def working_groups():
    return WorkingGroup.objects.all()


def group_memberships():
    """Active members of working groups, as each group's page lists them."""
    return Membership.objects.active().filter(organisation__in=partners())


def terms():
    return Term.objects.filter(election__status=Election.Status.PUBLISHED)


def elections():
    return Election.objects.filter(status=Election.Status.PUBLISHED, terms__isnull=False)


# For each kind of history, the historical rows that show an object was once published
# (so that it may appear as deleted once it no longer is).
ONCE_PUBLISHED = {
    Meeting: Q(),
    AgendaItem: Q(is_public=True),
    MeetingDocument: Q(is_public=True),
    # A contact counts as published only with consent while its organisation was a partner
    # at some time (an applicant's consenting contact was never shown).
    Contact: Q(
        public_consent_at__isnull=False,
        organisation_id__in=Organisation.history.filter(Organisation.active_condition()).values(
            "id"
        ),
    ),
    Organisation: Organisation.active_condition(),
    Membership: Q(status=Membership.Status.ACTIVE),
}
