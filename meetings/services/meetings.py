"""Planning, changing, correcting (Berichtigung) and cancelling meetings."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.mail import send_templated_mail
from core.services import record_correction
from meetings import policies
from meetings.models import Meeting, Resolution, year_of
from meetings.models.meeting import HELD_LOCKED_FIELDS
from meetings.services.common import _contact_emails, _ics_attachment, _lock, _set

MEETING_FIELDS = (
    "kind",
    "workgroup",
    "title",
    "start",
    "end",
    "place",
    "online_url",
    "description",
    "rsvp_deadline",
)


def _check_meeting(meeting):
    """What every meeting must satisfy, whoever writes it (form or not)."""
    errors = {}
    if meeting.start and meeting.end and meeting.end <= meeting.start:
        errors["end"] = _("Das Ende muss nach dem Beginn liegen.")
    if meeting.start and meeting.rsvp_deadline and meeting.rsvp_deadline > meeting.start:
        errors["rsvp_deadline"] = _("Die Rückmeldefrist muss vor dem Beginn enden.")
    if meeting.kind == Meeting.Kind.WORKGROUP and meeting.workgroup_id is None:
        errors["workgroup"] = _("Bitte wählen Sie die Arbeitsgruppe.")
    if meeting.kind == Meeting.Kind.PLENARY and meeting.workgroup_id is not None:
        errors["workgroup"] = _("Ein Netzwerktreffen gehört zu keiner Arbeitsgruppe.")
    if errors:
        raise ValidationError(errors)
    if not meeting.place and not meeting.online_url:
        raise ValidationError(_("Bitte geben Sie einen Ort oder einen Online-Zugang an."))
    meeting.full_clean()


@transaction.atomic
def create_meeting(*, by, **fields):
    """Plan a meeting; a Netzwerktreffen can't follow the one that adopted next year's programme."""
    policies.can_create_meeting(by).enforce()
    meeting = Meeting(created_by=by)
    _set(meeting, fields, MEETING_FIELDS)
    _check_meeting(meeting)
    policies.later_plenary_refusal(start=meeting.start, kind=meeting.kind).enforce()
    meeting.save()
    return meeting


@transaction.atomic
def update_meeting(*, meeting, by, **fields):
    """Change a meeting; once held its date and kind change only by a correction."""
    meeting = _lock(meeting)
    policies.can_edit_meeting(by, meeting).enforce()
    locked = meeting.locked_fields()
    for name, value in fields.items():
        if name in MEETING_FIELDS and name in locked and getattr(meeting, name) != value:
            raise ValidationError(
                _(
                    "Das Treffen hat stattgefunden: Beginn, Ende und Art lassen sich nur noch "
                    "berichtigen (mit Grund)."
                ),
                code="held",
            )
    _set(meeting, fields, MEETING_FIELDS)
    _check_meeting(meeting)
    policies.later_plenary_refusal(
        start=meeting.start, kind=meeting.kind, exclude=meeting.pk
    ).enforce()
    meeting.save()
    return meeting


@transaction.atomic
def correct_meeting(*, meeting, by, reason, now=None, **changes):
    """A Berichtigung of a held meeting's date: kept beside the original, with its reason."""
    now = now or timezone.now()
    meeting = _lock(meeting)
    policies.can_correct_meeting(by, meeting).enforce()
    start = changes.get("start", meeting.start)
    end = changes.get("end", meeting.end)
    if start > now:
        raise ValidationError(
            {"start": _("Ein abgehaltenes Treffen kann nicht in der Zukunft liegen.")}
        )
    if end <= start:
        raise ValidationError({"end": _("Das Ende muss nach dem Beginn liegen.")})
    if (
        year_of(start) != meeting.year
        and Resolution.objects.filter(
            agenda_item__meeting=meeting, adopted_programmes__isnull=False
        ).exists()
    ):
        raise ValidationError(
            {
                "start": _(
                    "Bei diesem Treffen wurde das Arbeitsprogramm des Folgejahres beschlossen; "
                    "es bleibt im selben Jahr."
                )
            }
        )
    policies.later_plenary_refusal(start=start, kind=meeting.kind, exclude=meeting.pk).enforce()
    # Minutes are approved by a later meeting: a date correction keeps that order, or a
    # final meeting would become editable again (or an approval would point backwards).
    approving = Meeting.objects.filter(
        status=Meeting.Status.HELD, agenda_items__approves_minutes_of=meeting
    ).values_list("start", flat=True)
    approved = Meeting.objects.filter(minutes_approval_items__meeting=meeting).values_list(
        "start", flat=True
    )
    if any(start >= other for other in approving) or any(start <= other for other in approved):
        raise ValidationError(
            {
                "start": _(
                    "Das Protokoll dieses Treffens wird bei einem späteren Treffen genehmigt "
                    "(oder es genehmigt das Protokoll eines früheren); die Berichtigung muss "
                    "diese Reihenfolge wahren."
                )
            }
        )
    unknown = set(changes) - HELD_LOCKED_FIELDS
    if unknown:
        raise TypeError(f"not correctable here: {sorted(unknown)}")
    return record_correction(
        record=meeting,
        changes=changes,
        reason=reason,
        by=by,
        policy=policies.can_correct_meeting,
    )


@transaction.atomic
def cancel_meeting(*, meeting, reason, by):
    """Cancel a planned meeting with a reason; invitees are told if they were invited."""
    policies.can_edit_meeting(by, meeting).enforce()
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
