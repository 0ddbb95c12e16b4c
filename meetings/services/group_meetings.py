"""A working group's meetings, as the workgroups app plans them.

The workgroups app sits above meetings: it decides who may plan a group's meeting
(workgroups.policies.can_plan_meeting), checks the dates and mails the group's
members; this module records the meeting and its invitations. So meetings never
imports workgroups, and the rows of a meeting are made in the meetings app.
"""

from django.db import transaction
from django.utils import timezone

from meetings.models import Invitation, Meeting


@transaction.atomic
def plan_group_meeting(
    *, workgroup, by, title, start, end, place="", online_url="", description="", now=None
):
    """Record a working group's meeting as invited `now`, with one invitation per invitee.

    The invitees are `Meeting.invitees()`: the group's active member organisations. The
    caller has checked the permission and the dates; nothing is mailed here.
    """
    now = now or timezone.now()
    meeting = Meeting.objects.create(
        kind=Meeting.Kind.WORKGROUP,
        workgroup=workgroup,
        title=title,
        start=start,
        end=end,
        place=place,
        online_url=online_url,
        description=description,
        created_by=by,
        invitation_sent_at=now,
    )
    Invitation.objects.bulk_create(
        Invitation(meeting=meeting, organisation=organisation, invited_at=now)
        for organisation in meeting.invitees()
    )
    return meeting
