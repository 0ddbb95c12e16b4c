"""Contributions of the meetings app to shared pages (see core.registry)."""

from django.db.models import Count, Q
from django.utils import timezone

from core.fragments import LaterValues, later
from core.roles import contact_organisations, get_roles
from meetings.models import Invitation, Meeting, WorkProgramme, this_year, year_of
from meetings.models.invitation import counting_q


def home_sections(request):
    return [
        {
            "template": "meetings/includes/_home_next_meeting.html",
            # Read only when the section's fragment is rendered afresh (core/fragments.py).
            "meeting": later(
                lambda: Meeting.objects.visible_to(request.user).plenary().upcoming().first()
            ),
            "depends": "meetings",
            "order": 20,
        }
    ]


def coordination_panels(request):
    is_coordinator = get_roles(request.user).is_coordinator
    # Read only when the panel's fragment is rendered afresh (core/fragments.py).
    return [
        LaterValues(
            _meetings_panel,
            template="meetings/includes/_coordination_meetings.html",
            order=20,
            depends="meetings workgroups partners",
            is_coordinator=is_coordinator,
        ),
        LaterValues(
            lambda: {
                "programmes": list(
                    WorkProgramme.objects.filter(year__gte=this_year()).order_by("year")
                ),
                "next_year": this_year() + 1,
            },
            template="meetings/includes/_coordination_programme.html",
            order=21,
            depends="meetings",
            is_coordinator=is_coordinator,
        ),
    ]


def _meetings_panel():
    year = this_year()
    first = Meeting.objects.order_by("start").values_list("start", flat=True).first()
    first_year = min(year_of(first), year) if first else year
    years = range(max(first_year, year - 4), year + 1)
    counts = counting_q("invitations__")
    upcoming = (
        Meeting.objects.upcoming()
        .select_related("workgroup")
        .annotate(
            yes_count=Count(
                "invitations", filter=counts & Q(invitations__answer=Invitation.Answer.YES)
            ),
            maybe_count=Count(
                "invitations", filter=counts & Q(invitations__answer=Invitation.Answer.MAYBE)
            ),
            no_count=Count(
                "invitations", filter=counts & Q(invitations__answer=Invitation.Answer.NO)
            ),
            open_count=Count("invitations", filter=counts & Q(invitations__answer="")),
        )[:6]
    )
    needs_minutes = Meeting.objects.filter(
        start__lt=timezone.now(), status=Meeting.Status.PLANNED
    ).order_by("-start")[:5]
    recently_held = Meeting.objects.filter(status=Meeting.Status.HELD).order_by("-start")[:3]
    return {
        "recently_held": recently_held,
        "checks": list(reversed(Meeting.objects.yearly_checks(years))),
        "upcoming": upcoming,
        "needs_minutes": needs_minutes,
        "programme_warning": Meeting.objects.last_plenary_without_programme_item(),
        "next_year": year + 1,
    }


def my_network_sections(request):
    organisations = contact_organisations(request.user)
    if not organisations:
        return []
    invitations = (
        Invitation.objects.filter(
            organisation__in=organisations,
            meeting__status=Meeting.Status.PLANNED,
            meeting__end__gte=timezone.now(),
        )
        .select_related("meeting", "organisation")
        .order_by("meeting__start", "organisation__name")
    )
    return [
        {
            "template": "meetings/includes/_my_network_invitations.html",
            "order": 20,
            "invitations": invitations,
        }
    ]


def organisation_left(event):
    """A partner that left answers no future meeting: its invitations to them go.

    Invitations to meetings that have begun stay as the record of who was invited.
    """
    organisation = event.organisation
    Invitation.objects.filter(organisation=organisation, meeting__start__gt=timezone.now()).delete()


def organisation_joined(event):
    """A new partner is invited to the upcoming meetings whose invitations went out."""
    organisation = event.organisation
    from meetings.services import invite_late_joiner

    invite_late_joiner(organisation=organisation)


def membership_started(event):
    """A new member of a working group is invited to the group's upcoming meetings."""
    membership = event.membership
    from meetings.services import invite_late_joiner

    invite_late_joiner(organisation=membership.organisation, workgroup=membership.group)
