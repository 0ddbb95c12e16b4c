"""The lead's messages to a working group's members, and whom they reach."""

from django.db import transaction

from core.mail import send_templated_mail
from partners.models import Organisation
from workgroups import policies


def member_emails(group):
    """Addresses of the people who take part for the group's active member organisations.

    An organisation without named participants is reached through its representatives.
    """
    addresses = set()
    memberships = (
        group.memberships.active()
        .filter(Organisation.active_condition("organisation"))
        .prefetch_related("contacts", "organisation__contacts")
    )
    for membership in memberships:
        contacts = list(membership.contacts.all()) or [
            c for c in membership.organisation.contacts.all() if c.is_representative
        ]
        addresses.update(c.email for c in contacts)
    return sorted(addresses)


@transaction.atomic
def send_group_message(*, group, subject, body, by):
    """Send the lead's message to every member by e-mail; returns the number of recipients."""
    policies.can_message_group(by, group).enforce()
    return send_templated_mail(
        template="workgroups/email/group_message",
        context={"group": group, "subject": subject, "body": body, "sender": by},
        to=member_emails(group),
    )
