"""The OParl 1.1 objects of the network: what each kind lists and how it is written.

Every kind has its public objects (asked of `oparl.policies`), ordered by their
primary key so that pages are stable, and annotated with `oparl_created` and
`oparl_modified`. Those come from the change history every governed model keeps
(django-simple-history: a row per save and per deletion), so `modified` changes
whenever the object is saved, and an object that embeds others (a meeting its agenda
items, files and resolutions) takes the latest of their changes too. Deleted and
depublished objects are found in the same history (see `oparl.policies`).
"""

import datetime
import mimetypes
from email.utils import parseaddr
from pathlib import PurePosixPath
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import (
    DateTimeField,
    F,
    Max,
    Min,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce, Greatest
from django.urls import reverse

from core.network import get_network
from elections.models import Term
from meetings.models import AgendaItem, Meeting, MeetingDocument, Resolution
from oparl import policies
from partners.models import Contact, Organisation
from workgroups.models import Membership, WorkingGroup

SCHEMA = "https://schema.oparl.org/1.1/"
BERLIN = ZoneInfo("Europe/Berlin")
# Stands in for "no change recorded" when the latest of several dates is taken.
EPOCH = datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)

# The network as OParl names it: its key in the URLs is fixed, its names are the
# network's settings (core.network).
NETWORK = {"key": "netzwerk"}


def network_names():
    network = get_network()
    return {"name": network.name, "shortName": network.brand}


ASSEMBLY = "netzwerktreffen"
SPEAKER_GROUP = "sprechergruppe"
WORKGROUP_PREFIX = "arbeitsgruppe-"
PARTNER_PREFIX = "partner-"


# --- URLs and values -------------------------------------------------------------


def absolute(path):
    """The canonical URL of a path: OParl wants one URL per object, on SITE_URL."""
    return settings.SITE_URL.rstrip("/") + path


def object_url(kind, key):
    return absolute(reverse("oparl:object", kwargs={"kind": kind, "key": str(key)}))


def list_url(kind):
    return absolute(reverse("oparl:list", kwargs={"key": NETWORK["key"], "kind": kind}))


def body_url():
    return absolute(reverse("oparl:body", kwargs={"key": NETWORK["key"]}))


def system_url():
    return absolute(reverse("oparl:system"))


def download_url(key):
    return absolute(reverse("oparl:download", kwargs={"key": str(key)}))


def organization_url(key):
    return object_url("organization", key)


def meeting_organization_url(meeting):
    if meeting.workgroup_id:
        return organization_url(f"{WORKGROUP_PREFIX}{meeting.workgroup_id}")
    return organization_url(ASSEMBLY)


def when(value):
    """A date-time as OParl writes it: ISO 8601 with the offset, in Berlin's time."""
    if value is None:
        return None
    return value.astimezone(BERLIN).isoformat(timespec="seconds")


def day(value):
    return value.isoformat() if value else None


def clean(data):
    """Leave out what has no value: OParl wants absent rather than empty fields."""
    return {key: value for key, value in data.items() if value not in (None, "", [])}


def contact():
    # The coordination's address from the network's settings, if it is given; else the
    # platform's sender.
    network = get_network()
    if network.contact_email:
        return {"contactName": network.name, "contactEmail": network.contact_email}
    name, email = parseaddr(settings.DEFAULT_FROM_EMAIL)
    return {"contactName": name, "contactEmail": email}


# --- dates from the change history -------------------------------------------------


def history(model, field="id", ref="pk", aggregate=Max):
    """The first (Min) or latest (Max) change of the rows of `model` whose `field`
    is the outer row's `ref`, as a subquery."""
    rows = model.history.model.objects.filter(**{field: OuterRef(ref)}).order_by()
    return Subquery(
        rows.values(field).annotate(when=aggregate("history_date")).values("when")[:1],
        output_field=DateTimeField(),
    )


def latest(*values):
    epoch = Value(EPOCH, output_field=DateTimeField())
    return Greatest(*(Coalesce(value, epoch) for value in values))


def meeting_dates(queryset):
    return queryset.annotate(
        oparl_created=F("created_at"),
        oparl_modified=latest(
            F("updated_at"),
            history(Meeting),
            history(AgendaItem, "meeting_id"),
            history(Resolution, "agenda_item__meeting_id"),
            history(MeetingDocument, "meeting_id"),
        ),
    )


def item_dates(queryset):
    return queryset.annotate(
        oparl_created=Coalesce(history(AgendaItem, aggregate=Min), F("meeting__created_at")),
        oparl_modified=latest(
            history(AgendaItem), history(Resolution, "agenda_item_id"), F("meeting__created_at")
        ),
    )


def own_dates(queryset, created):
    model = queryset.model
    return queryset.annotate(
        oparl_created=Coalesce(created, history(model, aggregate=Min)),
        oparl_modified=Coalesce(history(model), created),
    )


def history_dates(queryset):
    model = queryset.model
    return queryset.annotate(
        oparl_created=history(model, aggregate=Min), oparl_modified=history(model)
    )


def dated(data, obj):
    data["created"] = when(getattr(obj, "oparl_created", None))
    data["modified"] = when(getattr(obj, "oparl_modified", None))
    return data


# --- the objects -------------------------------------------------------------------


def system_object():
    return clean(
        {
            "id": system_url(),
            "type": SCHEMA + "System",
            "oparlVersion": SCHEMA,
            "body": absolute(reverse("oparl:body_list")),
            "name": network_names()["name"],
            **contact(),
            "website": absolute("/"),
            "web": absolute("/"),
        }
    )


def body_object():
    terms = [legislative_term_object(e) for e in election_queryset()]
    return clean(
        {
            "id": body_url(),
            "type": SCHEMA + "Body",
            "system": system_url(),
            **network_names(),
            "website": absolute("/"),
            **contact(),
            "classification": "Netzwerk",
            "mainOrganization": organization_url(ASSEMBLY),
            "organization": list_url("organization"),
            "person": list_url("person"),
            "meeting": list_url("meeting"),
            "paper": list_url("paper"),
            "agendaItem": list_url("agendaitem"),
            "file": list_url("file"),
            "locationList": list_url("location"),
            "legislativeTermList": list_url("legislativeterm"),
            "membership": list_url("membership"),
            "legislativeTerm": terms,
            "web": absolute(reverse("netzwerk")),
        }
    )


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


def location_object(meeting):
    """A meeting's place; its dates are the meeting's own (not those of its agenda),
    the same whether embedded in the meeting or listed."""
    return clean(
        {
            "id": object_url("location", meeting.pk),
            "type": SCHEMA + "Location",
            "description": meeting.place,
            "meetings": [object_url("meeting", meeting.pk)],
            "web": absolute(meeting.get_absolute_url()),
            "created": when(meeting.created_at),
            "modified": when(meeting.updated_at),
        }
    )


def file_object(document):
    access = absolute(document.get_absolute_url())
    name = PurePosixPath(document.file.name).name
    return clean(
        dated(
            {
                "id": object_url("file", document.pk),
                "type": SCHEMA + "File",
                "name": document.title,
                "fileName": name,
                "mimeType": mimetypes.guess_type(name)[0],
                "date": day(document.uploaded_at.astimezone(BERLIN).date()),
                "accessUrl": access,
                "downloadUrl": download_url(document.pk),
                "meeting": [object_url("meeting", document.meeting_id)],
            },
            document,
        )
    )


def agenda_item_object(item):
    resolutions = getattr(item, "public_resolutions", [])
    return clean(
        dated(
            {
                "id": object_url("agendaitem", item.pk),
                "type": SCHEMA + "AgendaItem",
                "meeting": object_url("meeting", item.meeting_id),
                "number": str(item.order),
                "order": item.order,
                "name": item.title,
                "public": True,
                "result": "; ".join(r.result_label for r in resolutions),
                "resolutionText": "\n\n".join(r.text for r in resolutions),
                # As AgendaItem.get_absolute_url, without loading the meeting again.
                "web": absolute(
                    reverse("meetings:detail", kwargs={"pk": item.meeting_id}) + f"#top-{item.pk}"
                ),
            },
            item,
        )
    )


def meeting_object(meeting, *, omit_internal=False):
    data = {
        "id": object_url("meeting", meeting.pk),
        "type": SCHEMA + "Meeting",
        "name": meeting.title,
        "meetingState": meeting.get_status_display(),
        "cancelled": meeting.is_cancelled,
        "start": when(meeting.start),
        "end": when(meeting.end),
        "location": location_object(meeting) if meeting.place else None,
        "organization": [meeting_organization_url(meeting)],
        "web": absolute(meeting.get_absolute_url()),
    }
    if not omit_internal:
        data["agendaItem"] = [agenda_item_object(i) for i in meeting.public_items]
        data["auxiliaryFile"] = [file_object(d) for d in meeting.public_files]
    return clean(dated(data, meeting))


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


def legislative_term_object(election):
    last_day = election.terms_end - datetime.timedelta(days=1)
    return clean(
        dated(
            {
                "id": object_url("legislativeterm", election.pk),
                "type": SCHEMA + "LegislativeTerm",
                "body": body_url(),
                "name": f"Sprechergruppe {election.terms_start.year}–{last_day.year}",
                "startDate": day(election.terms_start),
                "endDate": day(last_day),
                "web": absolute(election.get_absolute_url()),
            },
            election,
        )
    )


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


# --- the querysets, with everything each page needs in a fixed number of queries ----


def meeting_queryset():
    return meeting_dates(policies.meetings()).prefetch_related(
        Prefetch(
            "agenda_items",
            queryset=item_queryset().order_by("order", "pk"),
            to_attr="public_items",
        ),
        Prefetch("documents", queryset=file_queryset(), to_attr="public_files"),
    )


def item_queryset():
    return item_dates(policies.agenda_items()).prefetch_related(
        Prefetch(
            "resolutions",
            queryset=policies.resolutions().order_by("pk"),
            to_attr="public_resolutions",
        )
    )


def file_queryset():
    return own_dates(policies.files(), F("uploaded_at")).order_by("pk")


def location_queryset():
    return (
        policies.meetings()
        .exclude(place="")
        .annotate(oparl_created=F("created_at"), oparl_modified=F("updated_at"))
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


def election_queryset():
    return (
        policies.elections()
        .annotate(
            terms_start=Min("terms__start"),
            terms_end=Max("terms__end"),
            oparl_created=F("published_at"),
            oparl_modified=latest(F("published_at"), history(Term, "election_id")),
        )
        .order_by("pk")
    )


# --- what may have changed since a moment -------------------------------------------
#
# For each kind a condition that every object whose `modified` is at or after `since`
# meets (and few others do): the same sources as its dates, read from the indexed
# history_date. `modified_since` adds it to the exact filter, so the database computes
# the dates of the recently changed objects only, not of all 10,000 partners.


def changed(model, since, field="id"):
    return model.history.model.objects.filter(history_date__gte=since).values(field)


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
