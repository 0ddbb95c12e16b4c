"""What the two lifecycle test modules (meetings; work programme) share."""

from tests.meetings.factories import berlin

TODAY = berlin(2026, 12, 6, 12)


def edit_data(meeting, **changes):
    data = {
        "kind": meeting.kind,
        "workgroup": meeting.workgroup_id or "",
        "title": meeting.title,
        "start": meeting.start.astimezone(berlin(2026, 1, 1).tzinfo).strftime("%Y-%m-%dT%H:%M"),
        "end": meeting.end.astimezone(berlin(2026, 1, 1).tzinfo).strftime("%Y-%m-%dT%H:%M"),
        "place": meeting.place,
        "online_url": "",
        "description": meeting.description,
        "rsvp_deadline": "",
    }
    data.update(changes)
    return data
