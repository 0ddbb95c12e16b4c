"""Every change to meetings, invitations, minutes and the work programme.

One module per record; this package re-exports their public functions, so that
`from meetings import services` and `services.create_meeting(...)` keep working.
"""

from meetings.services.agenda import (
    AGENDA_FIELDS,
    add_agenda_item,
    delete_agenda_item,
    record_minutes,
    update_agenda_item,
)
from meetings.services.documents import (
    add_document,
    delete_document,
)
from meetings.services.group_meetings import plan_group_meeting
from meetings.services.invitations import (
    answer_invitation,
    invite_late_joiner,
    record_attendance,
    send_invitation,
    send_reminders,
)
from meetings.services.meetings import (
    MEETING_FIELDS,
    cancel_meeting,
    correct_meeting,
    create_meeting,
    update_meeting,
)
from meetings.services.programmes import (
    PROGRAMME_ITEM_FIELDS,
    add_programme_item,
    adopt_programme,
    adoption_candidates,
    create_programme,
    delete_programme_item,
    update_programme,
    update_programme_item,
)
from meetings.services.resolutions import (
    correct_resolution,
    record_resolution,
)

__all__ = [
    "AGENDA_FIELDS",
    "MEETING_FIELDS",
    "PROGRAMME_ITEM_FIELDS",
    "plan_group_meeting",
    "add_agenda_item",
    "add_document",
    "add_programme_item",
    "adopt_programme",
    "adoption_candidates",
    "answer_invitation",
    "cancel_meeting",
    "correct_meeting",
    "correct_resolution",
    "create_meeting",
    "create_programme",
    "delete_agenda_item",
    "delete_document",
    "delete_programme_item",
    "invite_late_joiner",
    "record_attendance",
    "record_minutes",
    "record_resolution",
    "send_invitation",
    "send_reminders",
    "update_agenda_item",
    "update_meeting",
    "update_programme",
    "update_programme_item",
]
