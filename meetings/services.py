"""Every change to meetings, invitations, minutes and the work programme."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from meetings import ical
from meetings.models import (
    BERLIN,
    Attendance,
    Invitation,
    Meeting,
    MeetingDocument,
    Resolution,
    WorkProgramme,
)
from netzwerk.mail import send_templated_mail
from netzwerk.roles import contact_organisations, is_coordinator, require_coordinator


def _lock(meeting):
    return Meeting.objects.select_for_update().get(pk=meeting.pk)


def _contact_emails(organisations):
    from partners.models import Contact

    return list(
        Contact.objects.filter(organisation__in=organisations)
        .values_list("email", flat=True)
        .distinct()
    )


def _ics_attachment(meeting):
    return (
        f"treffen-{meeting.pk}.ics",
        ical.calendar_bytes([meeting], name=meeting.title).decode("utf-8"),
        "text/calendar",
    )


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
                .filter(meeting=meeting, reminded_at__isnull=True, organisation__status="active")
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
def cancel_meeting(*, meeting, reason, by):
    """Cancel a planned meeting with a reason; invitees are told if they were invited."""
    require_coordinator(by)
    meeting = _lock(meeting)
    if meeting.status != Meeting.Status.PLANNED:
        raise ValidationError(_("Nur geplante Treffen können abgesagt werden."))
    if not reason.strip():
        raise ValidationError(_("Bitte nennen Sie einen Grund für die Absage."))
    meeting.status = Meeting.Status.CANCELLED
    meeting.cancel_reason = reason.strip()
    meeting.save()
    if meeting.invitation_sent_at:
        organisations = list(
            meeting.invitees().filter(meeting_invitations__meeting=meeting).distinct()
        )
        send_templated_mail(
            template="meetings/email/cancelled",
            context={"meeting": meeting},
            to=_contact_emails(organisations),
            attachments=[_ics_attachment(meeting)],
        )
    return meeting


@transaction.atomic
def record_attendance(*, meeting, organisations, by, now=None):
    """Set the attending organisations of a meeting that has begun, and mark it held."""
    require_coordinator(by)
    now = now or timezone.now()
    meeting = _lock(meeting)
    if meeting.is_cancelled:
        raise ValidationError(_("Ein abgesagtes Treffen hat keine Anwesenheit."))
    if meeting.start > now:
        raise ValidationError(_("Die Anwesenheit lässt sich erst ab Beginn des Treffens erfassen."))
    wanted = {o.pk for o in organisations}
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


@transaction.atomic
def record_resolution(
    *, agenda_item, by, text, votes_yes, votes_no, votes_abstain, is_public, resolution=None
):
    """Record (or correct) a resolution under an agenda item of a meeting that has been held."""
    require_coordinator(by)
    meeting = _lock(agenda_item.meeting)
    if meeting.status != Meeting.Status.HELD:
        raise ValidationError(
            _("Beschlüsse werden erst erfasst, wenn das Treffen stattgefunden hat.")
        )
    if resolution is None:
        resolution = Resolution(agenda_item=agenda_item, recorded_by=by)
    elif resolution.adopted_programmes.exists():
        raise ValidationError(
            _(
                "Dieser Beschluss hat ein Arbeitsprogramm beschlossen und kann nicht geändert werden."
            )
        )
    resolution.text = text
    resolution.votes_yes = votes_yes
    resolution.votes_no = votes_no
    resolution.votes_abstain = votes_abstain
    resolution.is_public = is_public
    resolution.full_clean()
    resolution.save()
    return resolution


@transaction.atomic
def add_document(*, meeting, by, title, file, is_public):
    """Attach a checked document (see netzwerk.uploads.clean_document) to a meeting."""
    require_coordinator(by)
    return MeetingDocument.objects.create(
        meeting=meeting, title=title, file=file, is_public=is_public, uploaded_by=by
    )


@transaction.atomic
def delete_document(*, document, by):
    """Remove a document and its file."""
    require_coordinator(by)
    document.file.delete(save=False)
    document.delete()


@transaction.atomic
def adopt_programme(*, programme, resolution, by):
    """Adopt a draft programme by an adopted resolution of the last plenary of the previous year.

    Returns the programme and a list of warnings (a later plenary of that year exists).
    """
    require_coordinator(by)
    programme = WorkProgramme.objects.select_for_update().get(pk=programme.pk)
    resolution = Resolution.objects.select_related("agenda_item__meeting").get(pk=resolution.pk)
    meeting = resolution.agenda_item.meeting
    if programme.is_adopted:
        raise ValidationError(_("Dieses Arbeitsprogramm ist bereits beschlossen."))
    if not meeting.is_plenary or meeting.status != Meeting.Status.HELD:
        raise ValidationError(
            _("Ein Arbeitsprogramm beschließt nur ein abgehaltenes Netzwerktreffen.")
        )
    if meeting.year != programme.year - 1:
        raise ValidationError(
            _(
                "Das Arbeitsprogramm %(year)s beschließt das letzte Netzwerktreffen des Jahres "
                "%(previous)s; dieses Treffen fand %(meeting_year)s statt."
            )
            % {"year": programme.year, "previous": programme.year - 1, "meeting_year": meeting.year}
        )
    if not resolution.is_adopted:
        raise ValidationError(_("Der gewählte Beschluss wurde nicht angenommen."))
    warnings = []
    later = (
        Meeting.objects.plenary()
        .not_cancelled()
        .in_year(meeting.year)
        .filter(start__gt=meeting.start)
        .order_by("start")
        .first()
    )
    if later is not None:
        warnings.append(
            _(
                "Achtung: Nach diesem Treffen gibt es %(year)s noch ein Netzwerktreffen "
                "(%(title)s am %(date)s). Laut Vereinbarung beschließt das letzte Treffen "
                "des Jahres das Arbeitsprogramm."
            )
            % {
                "year": meeting.year,
                "title": later.title,
                "date": formats.date_format(later.start.astimezone(BERLIN), "DATE_FORMAT"),
            }
        )
    programme.status = WorkProgramme.Status.ADOPTED
    programme.adopted_by_resolution = resolution
    programme.adopted_at = timezone.now()
    programme.save()
    item = resolution.agenda_item
    if item.work_programme_id is None:
        item.work_programme = programme
        item.save(update_fields=["work_programme"])
    return programme, warnings
