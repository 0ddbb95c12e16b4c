"""A meeting's agenda items and their minutes."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from meetings import policies
from meetings.models import AgendaItem
from meetings.services.common import _lock, _set

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
