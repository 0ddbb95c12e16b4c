import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext

from netzwerk import registry


def personal_data(*, user):
    """Everything the platform stores about a person, as JSON-ready data."""
    data = {
        "konto": {
            "email": user.email,
            "name": user.name,
            "registriert_am": user.date_joined.isoformat(),
            "letzte_anmeldung": user.last_login.isoformat() if user.last_login else None,
            "email_adressen": [
                {"email": a.email, "bestaetigt": a.verified, "primaer": a.primary}
                for a in user.emailaddress_set.all()
            ],
        }
    }
    data.update(registry.merge("personal_data", user))
    return data


@transaction.atomic
def delete_account(*, user, by):
    """Delete the account and the person's contacts; organisations' records stay."""
    if by.pk != user.pk:
        raise PermissionDenied
    for module in registry.hook_modules():
        hook = getattr(module, "before_account_deleted", None)
        if hook is not None:
            hook(user)
    user.delete()


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
    from netzwerk.models import Correction

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
    from netzwerk.models import Correction
    from netzwerk.policies import can_correct_record
    from netzwerk.records import ALL_FIELDS, correcting

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

    from netzwerk.models import Correction

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


NETWORK_FIELDS = ("name", "short_name", "brand", "city", "contact_email", "contact_address")


@transaction.atomic
def update_network_settings(*, by, data, districts, coordinating=None):
    """Change the network's identity; `districts` is a list of (slug, name).

    A district an organisation still stores is not removed (its organisations would
    lose it); `coordinating` (organisations, if given) are named the coordinating ones
    through partners.services.set_coordinating, with its policy.
    """
    from netzwerk.models import NetworkSettings
    from netzwerk.policies import can_change_network_settings
    from partners import services as partner_services
    from partners.models import Organisation

    can_change_network_settings(by).enforce()
    row = NetworkSettings.objects.select_for_update().filter(pk=NetworkSettings.SINGLETON_PK)
    row = row.first() or NetworkSettings()
    slugs = [slug for slug, _name in districts]
    if not slugs:
        raise ValidationError(
            {"districts": gettext("Das Netzwerk braucht mindestens einen Stadtbezirk.")},
            code="required",
        )
    if len(set(slugs)) != len(slugs):
        raise ValidationError(
            {"districts": gettext("Jede Kennung eines Stadtbezirks darf nur einmal vorkommen.")},
            code="duplicate",
        )
    in_use = sorted(
        set(
            Organisation.objects.exclude(district__in=slugs)
            .order_by()
            .values_list("district", flat=True)
        )
    )
    if in_use:
        raise ValidationError(
            {
                "districts": gettext(
                    "Diese Stadtbezirke sind noch Organisationen zugeordnet und bleiben: %(slugs)s"
                )
                % {"slugs": ", ".join(in_use)}
            },
            code="in_use",
        )
    for name in NETWORK_FIELDS:
        setattr(row, name, data[name])
    row.districts = [[slug, name] for slug, name in districts]
    row.full_clean()
    if coordinating is not None:
        wanted = {organisation.pk for organisation in coordinating}
        for organisation in Organisation.objects.coordinating().exclude(pk__in=wanted):
            partner_services.set_coordinating(organisation=organisation, by=by, value=False)
        for organisation in Organisation.objects.filter(pk__in=wanted, is_coordinating=False):
            partner_services.set_coordinating(organisation=organisation, by=by, value=True)
    row.save()
    return row
