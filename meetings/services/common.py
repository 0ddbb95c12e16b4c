"""What the meetings services share: setting allowed fields, locking a meeting, and
the mail to an invitation's organisations (their contacts, the meeting's .ics)."""

from meetings import ical
from meetings.models import Meeting


def _set(record, fields, allowed):
    unknown = set(fields) - set(allowed)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    for name, value in fields.items():
        setattr(record, name, value)


def _lock(meeting):
    return Meeting.objects.select_for_update().get(pk=meeting.pk)


def _contact_emails(organisations):
    from partners.models import Contact

    return list(
        Contact.objects.filter(organisation__in=organisations)
        .values_list("email", flat=True)
        .distinct()
    )


def _ics_attachment(meeting):
    return (
        f"treffen-{meeting.pk}.ics",
        ical.calendar_bytes([meeting], name=meeting.title).decode("utf-8"),
        "text/calendar",
    )
