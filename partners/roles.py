"""What the partners app tells the ground floor's roles (core.roles) about a person:
declared in PartnersConfig.ready() as the registry's "contacts" and "speaker_group"."""

from partners.models import Contact, Organisation


def contacts_of(user):
    """The user's contacts in active organisations, with their organisation."""
    return Contact.objects.of_active_partners().filter(user=user).select_related("organisation")


def coordinating_organisation_ids():
    """The coordinating organisations sit in the speaker group ex officio."""
    return Organisation.objects.active().coordinating().values_list("pk", flat=True)
