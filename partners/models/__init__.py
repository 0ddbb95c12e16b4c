"""The partners app's records, one module per record; every name importable from here.

Migrations name the models by app label ("partners.Organisation"), so which module
holds a class does not matter to them.
"""

from partners.models.agreement import AgreementVersion, AgreementVersionQuerySet
from partners.models.contact import Contact, ContactQuerySet
from partners.models.declaration import Declaration, DeclarationQuerySet, SealCheck
from partners.models.engagement import FIELD_NAMES, FieldOfEngagement
from partners.models.organisation import (
    District,
    Organisation,
    OrganisationQuerySet,
    OrganisationSlugAlias,
    organisation_search_text,
    validate_postal_code,
    website_host,
)
from partners.models.sponsor import Sponsor, SponsorQuerySet

__all__ = [
    "FIELD_NAMES",
    "AgreementVersion",
    "AgreementVersionQuerySet",
    "Contact",
    "ContactQuerySet",
    "Declaration",
    "DeclarationQuerySet",
    "District",
    "FieldOfEngagement",
    "Organisation",
    "OrganisationQuerySet",
    "OrganisationSlugAlias",
    "SealCheck",
    "Sponsor",
    "SponsorQuerySet",
    "organisation_search_text",
    "validate_postal_code",
    "website_host",
]
