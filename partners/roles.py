"""What the partners app tells the ground floor's roles (core.roles) about a person:
declared in PartnersConfig.ready() as the registry's "contacts" and "speaker_group"."""

from core.compiled import CompiledQuery
from partners.models import Contact, Organisation


def contacts_queryset(user_pk):
    """The contacts of the user with this key in active organisations, with their
    organisation."""
    return (
        Contact.objects.of_active_partners().filter(user_id=user_pk).select_related("organisation")
    )


# Asked on every request of someone logged in (core.roles): built and compiled once.
_contacts = CompiledQuery(contacts_queryset)


# The keys of the same contacts, as SQL for core.roles' one statement per request.
_contact_keys = CompiledQuery(
    lambda user_pk: (
        contacts_queryset(user_pk)
        .select_related(None)
        .order_by()
        .values_list("pk", "organisation_id", "is_representative")
    )
)


def contact_keys_sql(user_pk):
    """(sql, params) of the keys of the user's contacts in active organisations."""
    return _contact_keys.sql(user_pk)


def contacts_of(user):
    """The user's contacts in active organisations, with their organisation: the rows
    of `contacts_queryset`, read afresh on every call."""
    return _contacts(user.pk)


def coordinating_organisation_ids():
    """The coordinating organisations sit in the speaker group ex officio."""
    return Organisation.objects.active().coordinating().order_by().values_list("pk", flat=True)
