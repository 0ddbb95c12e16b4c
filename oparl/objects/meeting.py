"""Meeting, AgendaItem, File and Location: the meetings and what they publish."""

import mimetypes
from pathlib import PurePosixPath

from django.db.models import F, Prefetch

from oparl import policies
from oparl.objects.common import (
    BERLIN,
    SCHEMA,
    absolute,
    clean,
    day,
    display,
    download_url,
    meeting_organization_url,
    object_url,
    url,
    when,
)
from oparl.objects.dates import dated, item_dates, meeting_dates, own_dates


def meeting_web(pk):
    """As Meeting.get_absolute_url, on SITE_URL, remembered within the answer."""
    return absolute(url("meetings:detail", pk=pk))


def location_object(meeting):
    """A meeting's place; its dates are the meeting's own (not those of its agenda),
    the same whether embedded in the meeting or listed."""
    return clean(
        {
            "id": object_url("location", meeting.pk),
            "type": SCHEMA + "Location",
            "description": meeting.place,
            "meetings": [object_url("meeting", meeting.pk)],
            "web": meeting_web(meeting.pk),
            "created": when(meeting.created_at),
            "modified": when(meeting.updated_at),
        }
    )


def file_object(document):
    # As MeetingDocument.get_absolute_url, remembered within the answer.
    access = absolute(url("meetings:document", pk=document.meeting_id, doc=document.pk))
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
                "web": meeting_web(item.meeting_id) + f"#top-{item.pk}",
            },
            item,
        )
    )


def meeting_object(meeting, *, omit_internal=False):
    data = {
        "id": object_url("meeting", meeting.pk),
        "type": SCHEMA + "Meeting",
        "name": meeting.title,
        "meetingState": display(meeting, "status"),
        "cancelled": meeting.is_cancelled,
        "start": when(meeting.start),
        "end": when(meeting.end),
        "location": location_object(meeting) if meeting.place else None,
        "organization": [meeting_organization_url(meeting)],
        "web": meeting_web(meeting.pk),
    }
    if not omit_internal:
        data["agendaItem"] = [agenda_item_object(i) for i in meeting.public_items]
        data["auxiliaryFile"] = [file_object(d) for d in meeting.public_files]
    return clean(dated(data, meeting))


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
