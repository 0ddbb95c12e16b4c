"""Organization, Membership and Person: the bodies of the network and who belongs."""

from django.db.models import F, Prefetch
from django.urls import reverse

from oparl import policies
from oparl.objects.common import (
    ASSEMBLY,
    PARTNER_PREFIX,
    SCHEMA,
    SPEAKER_GROUP,
    WORKGROUP_PREFIX,
    absolute,
    body_url,
    clean,
    day,
    object_url,
    organization_url,
)
from oparl.objects.dates import dated, history_dates, own_dates


def assembly_object():
    return clean(
        {
            "id": organization_url(ASSEMBLY),
            "type": SCHEMA + "Organization",
            "body": body_url(),
            "name": "Netzwerktreffen",
            "organizationType": "Gremium",
            "classification": "Netzwerkversammlung",
            "web": absolute(reverse("meetings:list")),
        }
    )


def speaker_group_object():
    memberships = [
        object_url("membership", pk)
        for pk in policies.terms().order_by("pk").values_list("pk", flat=True)
    ]
    return clean(
        {
            "id": organization_url(SPEAKER_GROUP),
            "type": SCHEMA + "Organization",
            "body": body_url(),
            "name": "Sprechergruppe",
            "organizationType": "Gremium",
            "classification": "Sprechergruppe",
            "subOrganizationOf": organization_url(ASSEMBLY),
            "membership": memberships,
            "web": absolute(reverse("elections:speaker_group")),
        }
    )


def workgroup_object(group):
    return clean(
        dated(
            {
                "id": organization_url(f"{WORKGROUP_PREFIX}{group.pk}"),
                "type": SCHEMA + "Organization",
                "body": body_url(),
                "name": group.name,
                "organizationType": "Gremium",
                "classification": "Arbeitsgruppe",
                "subOrganizationOf": organization_url(ASSEMBLY),
                "membership": [
                    object_url("membership", f"{WORKGROUP_PREFIX}{m.pk}")
                    for m in group.public_memberships
                ],
                "startDate": day(group.founded_on),
                "endDate": day(group.closed_on),
                "keyword": [group.topic] if group.topic else [],
                "web": absolute(group.get_absolute_url()),
            },
            group,
        )
    )


def partner_object(organisation):
    return clean(
        dated(
            {
                "id": organization_url(f"{PARTNER_PREFIX}{organisation.pk}"),
                "type": SCHEMA + "Organization",
                "body": body_url(),
                "name": organisation.name,
                "organizationType": "Institution",
                "classification": "Partnerorganisation",
                "startDate": day(organisation.joined_on),
                "website": organisation.website,
                "web": absolute(organisation.get_absolute_url()),
            },
            organisation,
        )
    )


def person_object(contact):
    return clean(
        dated(
            {
                "id": object_url("person", contact.pk),
                "type": SCHEMA + "Person",
                "body": body_url(),
                "name": contact.name,
                "email": [contact.email],
                "status": [contact.function] if contact.function else [],
                "web": absolute(contact.organisation.get_absolute_url()),
            },
            contact,
        )
    )


def membership_object(term):
    return clean(
        dated(
            {
                "id": object_url("membership", term.pk),
                "type": SCHEMA + "Membership",
                "organization": organization_url(SPEAKER_GROUP),
                "onBehalfOf": organization_url(f"{PARTNER_PREFIX}{term.organisation_id}"),
                "role": f"Sprecherin/Sprecher, Sitz {term.seat.number}",
                "votingRight": True,
                "startDate": day(term.start),
                "endDate": day(term.last_day),
                "web": absolute(reverse("elections:speaker_group")),
            },
            term,
        )
    )


def group_membership_object(membership):
    return clean(
        dated(
            {
                "id": object_url("membership", f"{WORKGROUP_PREFIX}{membership.pk}"),
                "type": SCHEMA + "Membership",
                "organization": organization_url(f"{WORKGROUP_PREFIX}{membership.group_id}"),
                "onBehalfOf": organization_url(f"{PARTNER_PREFIX}{membership.organisation_id}"),
                "role": "Mitglied",
                "startDate": day(membership.joined_on),
                "endDate": day(membership.left_on),
            },
            membership,
        )
    )


def person_queryset():
    return own_dates(policies.persons(), F("created_at")).select_related("organisation")


def partner_queryset():
    return history_dates(policies.partners())


def workgroup_queryset():
    return history_dates(policies.working_groups()).prefetch_related(
        Prefetch(
            "memberships",
            queryset=policies.group_memberships().order_by("pk"),
            to_attr="public_memberships",
        )
    )


def group_membership_queryset():
    return history_dates(policies.group_memberships())


def membership_queryset():
    return history_dates(policies.terms()).select_related("seat")
