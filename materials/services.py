from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from core.roles import get_roles, represents
from materials.models import Download, SealAcceptance
from partners.models import Organisation


@transaction.atomic
def accept_seal_terms(*, organisation, terms, by):
    """Record that a representative accepted this terms version for the organisation."""
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    if not organisation.is_active:
        raise PermissionDenied(_("Nur aktive Partner können das Gütesiegel nutzen."))
    if not represents(by, organisation):
        raise PermissionDenied(
            _("Nur vertretungsberechtigte Personen können die Nutzungsbedingungen annehmen.")
        )
    if SealAcceptance.objects.filter(organisation=organisation, terms=terms).exists():
        raise ValidationError(
            _("Ihre Organisation hat diese Nutzungsbedingungen bereits angenommen.")
        )
    contact = organisation.contacts.filter(user=by, is_representative=True).first()
    try:
        with transaction.atomic():
            return SealAcceptance.objects.create(
                organisation=organisation,
                terms=terms,
                accepted_by=by,
                name=contact.name,
                function=contact.function,
            )
    except IntegrityError as error:
        raise ValidationError(
            _("Ihre Organisation hat diese Nutzungsbedingungen bereits angenommen.")
        ) from error


def seal_organisation_for(user):
    """The user's active organisation that may carry the seal, or None."""
    for organisation in get_roles(user).organisations:
        if SealAcceptance.objects.seal_since(organisation):
            return organisation
    return None


@transaction.atomic
def log_download(*, by, seal_file=None, document=None, organisation=None):
    """Record who downloaded which file, for which organisation, now."""
    return Download.objects.create(
        user=by if by.is_authenticated else None,
        organisation=organisation,
        seal_file=seal_file,
        document=document,
    )
