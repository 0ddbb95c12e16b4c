"""Every change to meetings, invitations, minutes and the work programme."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from meetings import ical, policies
from meetings.models import (
    BERLIN,
    AgendaItem,
    Attendance,
    Invitation,
    Meeting,
    MeetingDocument,
    Resolution,
    WorkProgramme,
    WorkProgrammeItem,
)
from meetings.models.invitation import MAX_ATTENDEES_PER_ORGANISATION, attendee_names_problem
from meetings.models.meeting import HELD_LOCKED_FIELDS
from netzwerk.mail import send_templated_mail
from netzwerk.roles import contact_organisations, is_coordinator, require_coordinator
from netzwerk.services import record_correction

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
AGENDA_FIELDS = (
    "order",
    "title",
    "description",
    "presenter",
    "is_public",
    "asks_two_thirds",
    "work_programme",
    "approves_minutes_of",
)
PROGRAMME_ITEM_FIELDS = (
    "order",
    "title",
    "description",
    "responsible_organisation",
    "responsible_workgroup",
    "target_quarter",
    "status",
    "progress_note",
)


def _set(record, fields, allowed):
    unknown = set(fields) - set(allowed)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    for name, value in fields.items():
        setattr(record, name, value)


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
                .filter(meeting=meeting, reminded_at__isnull=True, organisation__status="active")
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


# ---------------------------------------------------------------------------
# Meetings


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
        start.astimezone(BERLIN).year != meeting.year
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


# ---------------------------------------------------------------------------
# Agenda items and minutes


def _check_agenda_item(item):
    meeting = item.meeting
    errors = {}
    programme = item.work_programme
    if programme is not None:
        if not meeting.is_plenary:
            errors["work_programme"] = _(
                "Über das Arbeitsprogramm beschließt nur ein Netzwerktreffen."
            )
        elif programme.year != meeting.year + 1:
            errors["work_programme"] = _(
                "Bei einem Treffen %(year)s wird über das Arbeitsprogramm %(next)s beschlossen."
            ) % {"year": meeting.year, "next": meeting.year + 1}
        elif (
            programme.is_adopted
            and not AgendaItem.objects.filter(pk=item.pk, work_programme=programme).exists()
        ):
            errors["work_programme"] = _("Dieses Arbeitsprogramm ist bereits beschlossen.")
    earlier = item.approves_minutes_of
    if earlier is not None and (
        earlier.pk == meeting.pk or earlier.start >= meeting.start or earlier.is_cancelled
    ):
        errors["approves_minutes_of"] = _(
            "Genehmigt wird das Protokoll eines früheren, nicht abgesagten Treffens."
        )
    if errors:
        raise ValidationError(errors)
    item.full_clean()


@transaction.atomic
def add_agenda_item(*, meeting, by, **fields):
    meeting = _lock(meeting)
    policies.can_add_agenda_item(by, meeting).enforce()
    item = AgendaItem(meeting=meeting)
    _set(item, fields, AGENDA_FIELDS)
    _check_agenda_item(item)
    item.save()
    return item


@transaction.atomic
def update_agenda_item(*, item, by, **fields):
    """Change an agenda item; at a held meeting not what decides its resolutions."""
    meeting = _lock(item.meeting)
    item = AgendaItem.objects.select_for_update().get(pk=item.pk)
    item.meeting = meeting
    policies.can_edit_agenda_item(by, item).enforce()
    locked = item.locked_fields()
    for name, value in fields.items():
        if name in locked and getattr(item, name) != value:
            raise ValidationError(
                {
                    name: _(
                        "Das Treffen hat stattgefunden; dieses Feld bestimmt seine Beschlüsse "
                        "und bleibt, wie es war."
                    )
                }
            )
    _set(item, fields, AGENDA_FIELDS)
    _check_agenda_item(item)
    item.save()
    return item


@transaction.atomic
def delete_agenda_item(*, item, by):
    policies.can_delete_agenda_item(by, item).enforce()
    item.delete()


@transaction.atomic
def record_minutes(*, item, by, minutes):
    """Write the minutes of an agenda item; final once a later meeting approved them."""
    _lock(item.meeting)
    item = AgendaItem.objects.select_related("meeting").get(pk=item.pk)
    policies.can_record_minutes(by, item).enforce()
    item.minutes = minutes
    item.full_clean()
    item.save(update_fields=["minutes"])
    return item


# ---------------------------------------------------------------------------
# Resolutions


@transaction.atomic
def record_resolution(
    *, agenda_item, by, text, votes_yes, votes_no, votes_abstain, is_public, resolution=None
):
    """Record (or, before it is final, edit) a resolution of a held meeting.

    Under an agenda item about a work programme an adopted resolution adopts that
    programme in the same act (see adopt_programme for the rules).
    """
    meeting = _lock(agenda_item.meeting)
    agenda_item = AgendaItem.objects.select_related("work_programme").get(pk=agenda_item.pk)
    agenda_item.meeting = meeting
    if resolution is None:
        policies.can_record_resolution(by, agenda_item).enforce()
        resolution = Resolution(agenda_item=agenda_item, recorded_by=by)
    else:
        resolution = Resolution.objects.select_for_update().get(pk=resolution.pk)
        policies.can_edit_resolution(by, resolution).enforce()
        policies.can_record_resolution(by, agenda_item).enforce()
    resolution.text = text
    resolution.votes_yes = votes_yes
    resolution.votes_no = votes_no
    resolution.votes_abstain = votes_abstain
    resolution.is_public = is_public
    resolution.full_clean()
    programme = agenda_item.work_programme
    adopts = programme is not None and resolution.is_adopted
    if adopts:
        programme = WorkProgramme.objects.select_for_update().get(pk=programme.pk)
        policies.can_adopt_programme(by, programme).enforce()
        _adoption_refusal(programme, meeting, agenda_item).enforce()
    resolution.save()
    if adopts:
        _adopt(programme, resolution)
    return resolution


@transaction.atomic
def correct_resolution(*, resolution, by, reason, **changes):
    """A Berichtigung of a final resolution: the original result stays visible."""
    resolution = Resolution.objects.select_related("agenda_item").get(pk=resolution.pk)
    policies.can_correct_resolution(by, resolution).enforce()
    if set(changes) - {"text", "votes_yes", "votes_no", "votes_abstain"}:
        raise TypeError("only text and votes are corrected")
    probe = Resolution.objects.get(pk=resolution.pk)
    for name, value in changes.items():
        setattr(probe, name, value)
    probe.clean()
    outcome = probe.computed_outcome()
    if resolution.adopted_programmes.exists() and outcome != Resolution.Outcome.ADOPTED:
        raise ValidationError(
            _(
                "Dieser Beschluss hat ein Arbeitsprogramm beschlossen; er bleibt angenommen. "
                "Berichtigen Sie die Stimmen so, dass sie das Ergebnis tragen."
            )
        )
    return record_correction(
        record=resolution,
        changes={**changes, "outcome": outcome},
        reason=reason,
        by=by,
        policy=policies.can_correct_resolution,
    )


@transaction.atomic
def add_document(*, meeting, by, title, file, is_public):
    """Attach a checked document (see netzwerk.uploads.clean_document) to a meeting."""
    require_coordinator(by)
    return MeetingDocument.objects.create(
        meeting=meeting, title=title, file=file, is_public=is_public, uploaded_by=by
    )


@transaction.atomic
def delete_document(*, document, by):
    """Remove a document and its file, unless it belongs to approved minutes."""
    policies.can_delete_document(by, document).enforce()
    document.file.delete(save=False)
    document.delete()


# ---------------------------------------------------------------------------
# Work programmes


def _check_programme_year(year, now=None):
    first, last = policies.programme_year_range(now)
    if year is None or not first <= year <= last:
        raise ValidationError(
            {
                "year": _("Ein Arbeitsprogramm gilt für ein Jahr von %(first)s bis %(last)s.")
                % {"first": first, "last": last}
            },
            code="year",
        )


@transaction.atomic
def create_programme(*, by, year, introduction="", now=None):
    policies.can_create_programme(by).enforce()
    _check_programme_year(year, now)
    if WorkProgramme.objects.filter(year=year).exists():
        raise ValidationError(
            {"year": _("Für %(year)s gibt es schon ein Arbeitsprogramm.") % {"year": year}}
        )
    programme = WorkProgramme(year=year, introduction=introduction)
    programme.full_clean()
    programme.save()
    return programme


@transaction.atomic
def update_programme(*, programme, by, introduction):
    programme = WorkProgramme.objects.select_for_update().get(pk=programme.pk)
    policies.can_edit_programme(by, programme).enforce()
    programme.introduction = introduction
    programme.full_clean()
    programme.save()
    return programme


@transaction.atomic
def add_programme_item(*, programme, by, **fields):
    programme = WorkProgramme.objects.select_for_update().get(pk=programme.pk)
    policies.can_add_programme_item(by, programme).enforce()
    item = WorkProgrammeItem(programme=programme)
    _set(item, fields, PROGRAMME_ITEM_FIELDS)
    item.full_clean()
    item.save()
    return item


@transaction.atomic
def update_programme_item(*, item, by, **fields):
    """Change an item of a draft programme; of an adopted one only its progress."""
    programme = WorkProgramme.objects.select_for_update().get(pk=item.programme_id)
    item = WorkProgrammeItem.objects.select_for_update().get(pk=item.pk)
    if programme.is_adopted and set(fields) <= WorkProgrammeItem.ALWAYS_MUTABLE_FIELDS:
        policies.can_report_progress(by, item).enforce()
    else:
        policies.can_edit_programme_item(by, item).enforce()
    _set(item, fields, PROGRAMME_ITEM_FIELDS)
    item.full_clean()
    item.save()
    return item


@transaction.atomic
def delete_programme_item(*, item, by):
    policies.can_delete_programme_item(by, item).enforce()
    item.delete()


def _adoption_refusal(programme, meeting, agenda_item):
    """Why `meeting` can't adopt `programme` under `agenda_item`, or ALLOW."""
    from netzwerk.policies import ALLOW, Decision

    if not meeting.is_plenary or not meeting.is_held:
        return Decision.refuse(
            _("Ein Arbeitsprogramm beschließt nur ein abgehaltenes Netzwerktreffen.")
        )
    if meeting.year != programme.year - 1:
        return Decision.refuse(
            _(
                "Das Arbeitsprogramm %(year)s beschließt das letzte Netzwerktreffen des Jahres "
                "%(previous)s; dieses Treffen fand %(meeting_year)s statt."
            )
            % {"year": programme.year, "previous": programme.year - 1, "meeting_year": meeting.year}
        )
    if agenda_item.work_programme_id != programme.pk:
        return Decision.refuse(
            _(
                "Der Beschluss gehört nicht zu einem Tagesordnungspunkt über das "
                "Arbeitsprogramm %(year)s."
            )
            % {"year": programme.year}
        )
    later = (
        Meeting.objects.plenary()
        .not_cancelled()
        .in_year(meeting.year)
        .filter(start__gt=meeting.start)
        .order_by("start")
        .first()
    )
    if later is not None:
        return Decision.refuse(
            _(
                "Nach diesem Treffen gibt es %(year)s noch ein Netzwerktreffen (%(title)s am "
                "%(date)s). Das Arbeitsprogramm beschließt das letzte Netzwerktreffen des "
                "Jahres: Beschließen Sie es dort oder sagen Sie das spätere Treffen ab."
            )
            % {
                "year": meeting.year,
                "title": later.title,
                "date": formats.date_format(later.start.astimezone(BERLIN), "DATE_FORMAT"),
            }
        )
    return ALLOW


def _adopt(programme, resolution):
    programme.status = WorkProgramme.Status.ADOPTED
    programme.adopted_by_resolution = resolution
    programme.adopted_at = timezone.now()
    programme.full_clean()
    programme.save()
    return programme


@transaction.atomic
def adopt_programme(*, programme, resolution, by):
    """Adopt a draft programme by the adopted resolution on it at the last plenary of the
    previous year (for a resolution recorded before; record_resolution adopts at once)."""
    programme = WorkProgramme.objects.select_for_update().get(pk=programme.pk)
    policies.can_adopt_programme(by, programme).enforce()
    resolution = Resolution.objects.select_related("agenda_item__meeting").get(pk=resolution.pk)
    item = resolution.agenda_item
    _adoption_refusal(programme, item.meeting, item).enforce()
    if not resolution.is_adopted:
        raise ValidationError(_("Der gewählte Beschluss wurde nicht angenommen."))
    return _adopt(programme, resolution)


def adoption_candidates(programme):
    """The resolutions that could adopt `programme`: adopted ones under an agenda item about
    it at a held Netzwerktreffen of the year before (the adopt form offers nothing else)."""
    return (
        Resolution.objects.filter(
            agenda_item__work_programme=programme,
            agenda_item__meeting__kind=Meeting.Kind.PLENARY,
            agenda_item__meeting__status=Meeting.Status.HELD,
            outcome=Resolution.Outcome.ADOPTED,
        )
        .filter(agenda_item__meeting__in=Meeting.objects.in_year(programme.year - 1))
        .select_related("agenda_item__meeting")
        .newest_first()
    )
