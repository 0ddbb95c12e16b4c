"""An organisation's name and address: free slugs, renamings that redirect, no duplicates."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from core.roles import require_coordinator
from core.search import german_slug
from partners.models import Organisation, OrganisationSlugAlias

PROFILE_FIELDS = [
    "name",
    "legal_form",
    "district",
    "street",
    "postal_code",
    "city",
    "website",
    "email",
    "phone",
    "description",
]


def unique_slug(name, exclude=None):
    """A free address for the name, German letters spelled out (Börse → boerse).

    Taken are other organisations' current slugs and their earlier ones (aliases);
    the organisation's own earlier slugs are free for it again.
    """
    base = german_slug(name)[:180] or "organisation"
    slug, number = base, 2
    others = Organisation.objects.all()
    aliases = OrganisationSlugAlias.objects.all()
    if exclude is not None and exclude.pk:
        others = others.exclude(pk=exclude.pk)
        aliases = aliases.exclude(organisation=exclude)
    while others.filter(slug=slug).exists() or aliases.filter(slug=slug).exists():
        slug = f"{base}-{number}"
        number += 1
    return slug


def follow_name(organisation):
    """Give a renamed organisation the address of its new name; the old one redirects."""
    old = organisation.slug
    new = unique_slug(organisation.name, exclude=organisation)
    if new == old:
        return
    organisation.slug = new
    OrganisationSlugAlias.objects.filter(organisation=organisation, slug=new).delete()
    if old:
        OrganisationSlugAlias.objects.get_or_create(
            slug=old, defaults={"organisation": organisation}
        )


def follow_new_name(*, organisation, by):
    """An organisation just added or renamed (not yet saved) takes the address of its name.

    For the admin's forms, which save the organisation's other fields themselves: the
    name is checked for duplicates like every renaming, the organisation gets the
    address of its new name and the old one stays as an alias that redirects
    permanently (`update_organisation` renames the same way).
    """
    require_coordinator(by)
    check_duplicate(name=organisation.name, website="", exclude=organisation)
    if organisation.pk is None:
        organisation.slug = unique_slug(organisation.name)
    else:
        follow_name(organisation)
    return organisation


def check_duplicate(*, name, website, exclude=None, applicant=None):
    duplicates = Organisation.objects.duplicates_of(
        name=name, website=website, exclude=exclude, applicant=applicant
    )
    if duplicates.exists():
        raise ValidationError(
            _(
                "Eine Organisation mit diesem Namen oder dieser Website ist bereits im "
                "Netzwerk oder hat sich beworben. Bitte wenden Sie sich an die "
                "Koordination, wenn Sie als Ansprechperson hinzukommen möchten."
            ),
            code="duplicate",
        )
