"""Resolutions of a held meeting, and their corrections (Berichtigung)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core.services import record_correction
from meetings import policies
from meetings.models import AgendaItem, Resolution, WorkProgramme
from meetings.services.common import _lock
from meetings.services.programmes import _adopt, _adoption_refusal


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
