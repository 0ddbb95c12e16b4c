"""What a working group reads of the meetings app: its meetings and work-programme items.

Workgroups sits above meetings: it imports meetings' models plainly, while the meetings
app names workgroups only by string. WorkingGroupQuerySet and WorkingGroup take these
methods as mixins (plain classes: no fields, nothing for migrations).
"""

import datetime

from django.db.models import OuterRef, Prefetch, Subquery
from django.utils import timezone

from meetings.models import AgendaItem, Meeting, MeetingDocument


class GroupMeetingQueries:
    """Queries over groups by their meetings (a mixin of WorkingGroupQuerySet)."""

    def without_recent_meeting(self, *, months=6):
        """Groups founded over `months` months ago that have not met in that time.

        Cancelled meetings do not count; a younger group has not had the time yet.
        """
        now = timezone.now()
        since = now - datetime.timedelta(days=round(months * 30.44))
        return self.filter(founded_on__lt=since.date()).exclude(
            pk__in=Meeting.objects.filter(workgroup__isnull=False, start__gte=since, start__lte=now)
            .exclude(status=Meeting.Status.CANCELLED)
            .values("workgroup_id")
        )

    def with_next_meeting(self):
        """Groups annotated with the start (`next_meeting_start`) and id of their next meeting."""
        upcoming = Meeting.objects.filter(
            workgroup=OuterRef("pk"),
            status=Meeting.Status.PLANNED,
            start__gte=timezone.now(),
        ).order_by("start", "pk")
        return self.annotate(
            next_meeting_start=Subquery(upcoming.values("start")[:1]),
            next_meeting_id=Subquery(upcoming.values("pk")[:1]),
            next_meeting_title=Subquery(upcoming.values("title")[:1]),
        )


class GroupMeetings:
    """A group's meetings and programme items (a mixin of WorkingGroup)."""

    def meetings_for(self, user):
        """The group's meetings, newest first, with the agenda items and documents the user
        may read (the meetings app decides: members and coordinators read the internals).
        """
        items = AgendaItem.objects.visible_to(user).order_by("order", "pk")
        documents = MeetingDocument.objects.visible_to(user).order_by("title", "pk")
        return self.meetings.order_by("-start", "-pk").prefetch_related(
            Prefetch("agenda_items", queryset=items, to_attr="readable_agenda_items"),
            Prefetch("documents", queryset=documents, to_attr="readable_documents"),
        )

    def programme_items(self):
        """The work-programme items the group is responsible for, newest programme first."""
        return self.work_programme_items.select_related("programme").order_by(
            "-programme__year", "order", "pk"
        )
