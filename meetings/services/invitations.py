"""Invitations to a meeting, the organisations' answers, reminders, and attendance."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from core.mail import send_templated_mail
from core.roles import contact_organisations, is_coordinator, require_coordinator
from meetings import policies
from meetings.models import Attendance, Invitation, Meeting, Resolution
from meetings.models.invitation import MAX_ATTENDEES_PER_ORGANISATION, attendee_names_problem
from meetings.services.common import _contact_emails, _ics_attachment, _lock
from partners.models import Organisation


@transaction.atomic
def send_invitation(*, meeting, by, now=None):
    """Invite every invitee organisation and mail all their contacts the agenda and an .ics."""
    require_coordinator(by)
    now = now or timezone.now()
    meeting = _lock(meeting)
    if meeting.status != Meeting.Status.PLANNED or meeting.start <= now:
        raise ValidationError(_("Einladen kann man nur zu geplanten, künftigen Treffen."))
    organisations = list(meeting.invitees())
    existing = set(meeting.invitations.values_list("organisation_id", flat=True))
    Invitation.objects.bulk_create(
        [
            Invitation(meeting=meeting, organisation=organisation, invited_at=now)
            for organisation in organisations
            if organisation.pk not in existing
        ]
    )
    is_update = meeting.invitation_sent_at is not None
    meeting.invitation_sent_at = now
    meeting.save(update_fields=["invitation_sent_at", "updated_at"])
    agenda = list(meeting.agenda_items.order_by("order", "pk"))
    send_templated_mail(
        template="meetings/email/invitation",
        context={"meeting": meeting, "agenda": agenda, "is_update": is_update},
        to=_contact_emails(organisations),
        attachments=[_ics_attachment(meeting)],
    )
    return meeting


@transaction.atomic
def invite_late_joiner(*, organisation, workgroup=None, now=None):
    """Invite an organisation that joined after invitations went out, with the same mail.

    For every planned, future meeting whose invitation was already sent and to which
    the organisation is an invitee now (a new partner: the plenaries and open meetings;
    a new member of a working group: that group's meetings), an invitation is created
    and its contacts receive the invitation with agenda and .ics. Meetings it is
    already invited to are left alone. Called through the hooks `organisation_joined`
    and `membership_started` (meetings.hooks); returns the meetings invited to.
    """
    now = now or timezone.now()
    meetings = Meeting.objects.filter(
        status=Meeting.Status.PLANNED, invitation_sent_at__isnull=False, start__gt=now
    ).exclude(invitations__organisation=organisation)
    if workgroup is not None:
        meetings = meetings.filter(workgroup=workgroup)
    invited = []
    for meeting in meetings.select_related("workgroup").order_by("start", "pk"):
        meeting = _lock(meeting)
        if not meeting.invitees().filter(pk=organisation.pk).exists():
            continue
        _invitation, created = Invitation.objects.get_or_create(
            meeting=meeting, organisation=organisation, defaults={"invited_at": now}
        )
        if not created:
            continue
        send_templated_mail(
            template="meetings/email/invitation",
            context={
                "meeting": meeting,
                "agenda": list(meeting.agenda_items.order_by("order", "pk")),
                "is_update": False,
            },
            to=_contact_emails([organisation]),
            attachments=[_ics_attachment(meeting)],
        )
        invited.append(meeting)
    return invited


@transaction.atomic
def answer_invitation(
    *, meeting, organisation, by, answer, attendee_names="", attendee_count=0, now=None
):
    """Record an organisation's answer, only by its own contacts and only until the deadline."""
    now = now or timezone.now()
    meeting = _lock(meeting)
    if not is_coordinator(by) and organisation.pk not in {o.pk for o in contact_organisations(by)}:
        raise PermissionDenied(_("Sie können nur für Ihre eigene Organisation antworten."))
    try:
        invitation = Invitation.objects.select_for_update().get(
            meeting=meeting, organisation=organisation
        )
    except Invitation.DoesNotExist as error:
        raise ValidationError(
            _("Ihre Organisation ist zu diesem Treffen nicht eingeladen.")
        ) from error
    if not meeting.rsvp_open(now):
        if meeting.rsvp_deadline and now > meeting.rsvp_deadline:
            raise ValidationError(
                _("Die Frist für Rückmeldungen ist am %(deadline)s abgelaufen.")
                % {
                    "deadline": formats.date_format(
                        timezone.localtime(meeting.rsvp_deadline), "DATETIME_FORMAT"
                    )
                }
            )
        raise ValidationError(_("Für dieses Treffen sind keine Rückmeldungen mehr möglich."))
    if answer not in Invitation.Answer.values:
        raise ValidationError(_("Bitte wählen Sie eine Antwort."))
    if not 0 <= (attendee_count or 0) <= MAX_ATTENDEES_PER_ORGANISATION:
        raise ValidationError(
            {
                "attendee_count": _(
                    "Bitte geben Sie zwischen 0 und %(max)s Personen an; für größere Gruppen "
                    "sprechen Sie bitte die Koordination an."
                )
                % {"max": MAX_ATTENDEES_PER_ORGANISATION}
            },
            code="attendee_count",
        )
    if answer != Invitation.Answer.NO:
        problem = attendee_names_problem(attendee_names.strip(), attendee_count)
        if problem:
            raise ValidationError({"attendee_names": problem}, code="attendee_names")
    invitation.answer = answer
    invitation.attendee_names = attendee_names.strip() if answer != Invitation.Answer.NO else ""
    invitation.attendee_count = attendee_count if answer != Invitation.Answer.NO else 0
    invitation.answered_by = by
    invitation.answered_at = now
    invitation.save()
    return invitation


def send_reminders(*, days=7, now=None):
    """Remind, once, the invited organisations that have not answered, `days` before the meeting."""
    now = now or timezone.now()
    horizon = now + datetime.timedelta(days=days)
    meetings = Meeting.objects.filter(
        status=Meeting.Status.PLANNED,
        invitation_sent_at__isnull=False,
        start__gt=now,
        start__lte=horizon,
    )
    reminded = 0
    for meeting in meetings:
        if not meeting.rsvp_open(now):
            continue
        with transaction.atomic():
            invitations = list(
                Invitation.objects.select_for_update()
                .filter(
                    Organisation.active_condition("organisation"),
                    meeting=meeting,
                    reminded_at__isnull=True,
                )
                .counting()
                .unanswered()
                .select_related("organisation")
            )
            if not invitations:
                continue
            organisations = [i.organisation for i in invitations]
            send_templated_mail(
                template="meetings/email/reminder",
                context={"meeting": meeting},
                to=_contact_emails(organisations),
                attachments=[_ics_attachment(meeting)],
            )
            Invitation.objects.filter(pk__in=[i.pk for i in invitations]).update(reminded_at=now)
            reminded += len(invitations)
    return reminded


@transaction.atomic
def record_attendance(*, meeting, organisations, by, now=None):
    """Set the attending organisations of a meeting that has begun, and mark it held."""
    now = now or timezone.now()
    meeting = _lock(meeting)
    policies.can_record_attendance(by, meeting, now=now).enforce()
    wanted = {o.pk for o in organisations}
    most_votes = max(
        (
            r.votes_yes + r.votes_no + r.votes_abstain
            for r in Resolution.objects.filter(agenda_item__meeting=meeting)
        ),
        default=0,
    )
    if len(wanted) < most_votes:
        raise ValidationError(
            _(
                "Ein Beschluss dieses Treffens hat %(votes)s Stimmen; es müssen mindestens so "
                "viele Organisationen anwesend sein."
            )
            % {"votes": most_votes}
        )
    meeting.attendances.exclude(organisation_id__in=wanted).delete()
    present = set(meeting.attendances.values_list("organisation_id", flat=True))
    Attendance.objects.bulk_create(
        [
            Attendance(meeting=meeting, organisation=o, recorded_by=by)
            for o in organisations
            if o.pk not in present
        ]
    )
    if meeting.status != Meeting.Status.HELD:
        meeting.status = Meeting.Status.HELD
        meeting.save()
    return meeting
