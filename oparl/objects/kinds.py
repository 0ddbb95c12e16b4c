"""Which kinds the endpoint lists, how each is found and written, and what changed."""

from django.db.models import Q

from elections.models import Term
from meetings.models import AgendaItem, Meeting, MeetingDocument, Resolution
from oparl.objects.body import election_queryset, legislative_term_object
from oparl.objects.common import (
    ASSEMBLY,
    PARTNER_PREFIX,
    SCHEMA,
    SPEAKER_GROUP,
    WORKGROUP_PREFIX,
    clean,
    download_url,
    object_url,
    when,
)
from oparl.objects.dates import history_model
from oparl.objects.meeting import (
    agenda_item_object,
    file_object,
    file_queryset,
    item_queryset,
    location_object,
    location_queryset,
    meeting_object,
    meeting_queryset,
)
from oparl.objects.organization import (
    assembly_object,
    group_membership_object,
    group_membership_queryset,
    membership_object,
    membership_queryset,
    partner_object,
    partner_queryset,
    person_object,
    person_queryset,
    speaker_group_object,
    workgroup_object,
    workgroup_queryset,
)
from partners.models import Contact, Organisation
from workgroups.models import Membership, WorkingGroup


def deleted_object(kind, key, created, modified, order=None):
    """What stays of a deleted or depublished object: id, type, dates, and what the
    schema requires (an AgendaItem's order)."""
    return clean(
        {
            "id": object_url(kind, key),
            "type": SCHEMA + TYPES[kind],
            "order": order,
            # A File requires its accessUrl: for a deleted file it answers 410 Gone.
            "accessUrl": download_url(key) if kind == "file" else None,
            "created": when(created),
            "modified": when(modified),
            "deleted": True,
        }
    )


# --- what may have changed since a moment -------------------------------------------
#
# For each kind a condition that every object whose `modified` is at or after `since`
# meets (and few others do): the same sources as its dates, read from the indexed
# history_date. `modified_since` adds it to the exact filter, so the database computes
# the dates of the recently changed objects only, not of all 10,000 partners.


def changed(model, since, field="id"):
    return history_model(model).objects.filter(history_date__gte=since).values(field)


CHANGED_SINCE = {
    "meeting": lambda since: (
        Q(updated_at__gte=since)
        | Q(pk__in=changed(Meeting, since))
        | Q(pk__in=changed(AgendaItem, since, "meeting_id"))
        | Q(pk__in=changed(Resolution, since, "agenda_item__meeting_id"))
        | Q(pk__in=changed(MeetingDocument, since, "meeting_id"))
    ),
    "agendaitem": lambda since: (
        Q(meeting__created_at__gte=since)
        | Q(pk__in=changed(AgendaItem, since))
        | Q(pk__in=changed(Resolution, since, "agenda_item_id"))
    ),
    "file": lambda since: Q(uploaded_at__gte=since) | Q(pk__in=changed(MeetingDocument, since)),
    "person": lambda since: Q(created_at__gte=since) | Q(pk__in=changed(Contact, since)),
    "location": lambda since: Q(updated_at__gte=since),
    "membership": lambda since: Q(pk__in=changed(Term, since)),
    "membership:" + WORKGROUP_PREFIX: lambda since: Q(pk__in=changed(Membership, since)),
    "legislativeterm": lambda since: (
        Q(published_at__gte=since) | Q(pk__in=changed(Term, since, "election_id"))
    ),
    "organization:" + WORKGROUP_PREFIX: lambda since: Q(pk__in=changed(WorkingGroup, since)),
    "organization:" + PARTNER_PREFIX: lambda since: Q(pk__in=changed(Organisation, since)),
}


# kind in the URL → OParl type: the body's lists, and the kinds of objects.
TYPES = {
    "organization": "Organization",
    "person": "Person",
    "meeting": "Meeting",
    "agendaitem": "AgendaItem",
    "file": "File",
    "location": "Location",
    "legislativeterm": "LegislativeTerm",
    "membership": "Membership",
    "paper": "Paper",
}

# kind → (queryset, writer, model whose history keeps its deletions, if any)
KINDS = {
    "person": (person_queryset, person_object, Contact),
    "meeting": (meeting_queryset, meeting_object, Meeting),
    "agendaitem": (item_queryset, agenda_item_object, AgendaItem),
    "file": (file_queryset, file_object, MeetingDocument),
    "location": (location_queryset, location_object, None),
    "legislativeterm": (election_queryset, legislative_term_object, None),
}

# Kinds whose objects come from several models, told apart by a prefix of the key
# ("" for plain numbers): kind → prefix → (queryset, writer, model keeping deletions).
PREFIXED_KINDS = {
    "organization": {
        WORKGROUP_PREFIX: (workgroup_queryset, workgroup_object, WorkingGroup),
        PARTNER_PREFIX: (partner_queryset, partner_object, Organisation),
    },
    "membership": {
        "": (membership_queryset, membership_object, None),
        WORKGROUP_PREFIX: (group_membership_queryset, group_membership_object, Membership),
    },
}

# Fields the OParl schema requires beyond id and type, kept by a deleted object.
REQUIRED = {AgendaItem: {"order"}}

FIXED_ORGANISATIONS = {ASSEMBLY: assembly_object, SPEAKER_GROUP: speaker_group_object}
