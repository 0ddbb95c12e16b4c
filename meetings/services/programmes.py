"""The annual work programme: drafting it, its items, and its adoption by the last
Netzwerktreffen of the year before."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from meetings import policies
from meetings.models import BERLIN, Meeting, Resolution, WorkProgramme, WorkProgrammeItem
from meetings.services.common import _set

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
    from core.policies import ALLOW, Decision

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
