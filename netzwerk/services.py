from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext

from core import events, registry


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
    registry.notify(events.AccountDeleting(user))
    user.delete()


NETWORK_FIELDS = ("name", "short_name", "brand", "city", "contact_email", "contact_address")


@transaction.atomic
def update_network_settings(*, by, data, districts, coordinating=None):
    """Change the network's identity; `districts` is a list of (slug, name).

    A district an organisation still stores is not removed (its organisations would
    lose it); `coordinating` (organisations, if given) are named the coordinating ones
    through partners.services.set_coordinating, with its policy.
    """
    from core.models import NetworkSettings
    from core.policies import can_change_network_settings
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
