"""Corrections of final records: the one way a final record changes (docs/architecture.md)."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext


def display_value(record, name):
    """A field's value as a person reads it (choices by label, dates in German)."""
    field = record._meta.get_field(name)
    value = getattr(record, name)
    if value is None or value == "":
        return "–"
    if field.choices:
        return str(getattr(record, f"get_{name}_display")())
    if isinstance(value, bool):
        return gettext("ja") if value else gettext("nein")
    if isinstance(value, datetime.datetime):
        return formats.date_format(timezone.localtime(value), "DATETIME_FORMAT")
    if isinstance(value, datetime.date):
        return formats.date_format(value, "DATE_FORMAT")
    return str(value)


def corrected_values(record, names):
    """The values a person reads now: the latest correction of each field, else the row's.

    For records whose corrections are kept beside the untouched row
    (`CORRECTIONS_BESIDE_RECORD`, e.g. sealed declarations), the row keeps what was
    signed and the corrections say what is right.
    """
    from core.models import Correction

    values = {name: getattr(record, record._meta.get_field(name).attname) for name in names}
    if getattr(type(record), "CORRECTIONS_BESIDE_RECORD", False) and record.pk is not None:
        for correction in Correction.objects.of(record):
            for name in names:
                if name in correction.corrected:
                    values[name] = correction.corrected[name]
    return values


@transaction.atomic
def record_correction(*, record, changes, reason, by, policy=None):
    """Correct a final record: the change, its reason, who and when are kept beside the original.

    `changes` maps field names to new values; `policy(by, record)` (default: coordinators
    correct final records) decides who may. The record's own validation still applies.
    A model with `CORRECTIONS_BESIDE_RECORD` keeps its row untouched (it is sealed):
    only the Correction is stored, and pages show it beside the signed value.
    """
    from core.models import Correction
    from core.policies import can_correct_record
    from core.records import ALL_FIELDS, correcting

    (policy or can_correct_record)(by, record).enforce()
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(
            {"reason": gettext("Bitte nennen Sie den Grund der Berichtigung.")}, code="required"
        )
    model = type(record)
    record = model._base_manager.select_for_update().get(pk=record.pk)
    if getattr(model, "CORRECTIONS_BESIDE_RECORD", False):
        return _record_correction_beside(record=record, changes=changes, reason=reason, by=by)
    original, corrected = {}, {}
    for name, value in changes.items():
        field = record._meta.get_field(name)
        if getattr(record, field.name) == value:
            continue
        original[name] = display_value(record, name)
        setattr(record, field.name, value)
        corrected[name] = display_value(record, name)
    if not original:
        raise ValidationError(gettext("Die Berichtigung ändert nichts."), code="unchanged")
    record.full_clean()
    locked_before = model._base_manager.get(pk=record.pk).locked_fields()
    with correcting(record):
        record.save()
    # A correction fixes what was recorded; it never makes a final record editable again.
    locked_after = model._base_manager.get(pk=record.pk).locked_fields()
    if (
        locked_before == ALL_FIELDS
        and locked_after != ALL_FIELDS
        or (
            locked_before != ALL_FIELDS
            and locked_after != ALL_FIELDS
            and locked_before - locked_after
        )
    ):
        raise ValidationError(
            gettext(
                "Diese Berichtigung würde den Eintrag wieder änderbar machen; "
                "sie ist so nicht möglich."
            ),
            code="unlocks",
        )
    return Correction.objects.create(
        record=record, original=original, corrected=corrected, reason=reason, corrected_by=by
    )


def _record_correction_beside(*, record, changes, reason, by):
    """A Correction beside the untouched row: original is the value read until now."""
    from copy import copy

    from core.models import Correction

    current = corrected_values(record, list(changes))
    candidate = copy(record)
    original, corrected = {}, {}
    for name, value in changes.items():
        field = record._meta.get_field(name)
        if current[name] == value:
            continue
        setattr(candidate, field.attname, current[name])
        original[name] = display_value(candidate, name)
        setattr(candidate, field.attname, value)
        corrected[name] = display_value(candidate, name)
    if not original:
        raise ValidationError(gettext("Die Berichtigung ändert nichts."), code="unchanged")
    for name in original:
        setattr(candidate, record._meta.get_field(name).attname, changes[name])
    # The corrected values must be valid for the field (the row itself is not saved).
    candidate.clean_fields(exclude=[f.name for f in record._meta.fields if f.name not in original])
    return Correction.objects.create(
        record=record, original=original, corrected=corrected, reason=reason, corrected_by=by
    )
