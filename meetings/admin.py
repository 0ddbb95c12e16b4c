from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from meetings.models import (
    AgendaItem,
    Attendance,
    Invitation,
    Meeting,
    Resolution,
    WorkProgramme,
    WorkProgrammeItem,
)

# Documents are managed on the meeting page only: the admin's file widget would
# link to a media URL, and documents are served through an access-checking view.


class AgendaItemInline(admin.StackedInline):
    model = AgendaItem
    fk_name = "meeting"
    extra = 0
    fields = [
        "order",
        "title",
        "presenter",
        "is_public",
        "asks_two_thirds",
        "work_programme",
        "approves_minutes_of",
    ]
    raw_id_fields = ["approves_minutes_of", "work_programme"]


@admin.register(Meeting)
class MeetingAdmin(SimpleHistoryAdmin):
    list_display = ["title", "start", "kind", "status", "invitation_sent_at"]
    list_filter = ["kind", "status"]
    search_fields = ["title", "description"]
    date_hierarchy = "start"
    raw_id_fields = ["workgroup", "created_by"]
    inlines = [AgendaItemInline]
    # Inviting, cancelling and recording attendance go through the meeting's pages.
    readonly_fields = ["status", "invitation_sent_at", "cancel_reason"]


@admin.register(Invitation)
class InvitationAdmin(SimpleHistoryAdmin):
    list_display = ["meeting", "organisation", "answer", "attendee_count", "answered_at"]
    list_filter = ["answer"]
    search_fields = ["organisation__name", "meeting__title"]
    raw_id_fields = ["meeting", "organisation", "answered_by"]
    list_select_related = ["meeting", "organisation"]


@admin.register(Attendance)
class AttendanceAdmin(SimpleHistoryAdmin):
    list_display = ["meeting", "organisation", "recorded_at"]
    search_fields = ["organisation__name", "meeting__title"]
    raw_id_fields = ["meeting", "organisation", "recorded_by"]
    list_select_related = ["meeting", "organisation"]


@admin.register(Resolution)
class ResolutionAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "agenda_item", "votes_yes", "votes_no", "votes_abstain", "is_public"]
    list_filter = ["is_public"]
    search_fields = ["text", "agenda_item__title"]
    raw_id_fields = ["agenda_item", "recorded_by"]
    list_select_related = ["agenda_item"]

    # Resolutions are recorded and corrected on the meeting's page, which checks
    # that the meeting was held; the admin shows them.
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class WorkProgrammeItemInline(admin.StackedInline):
    model = WorkProgrammeItem
    extra = 0
    raw_id_fields = ["responsible_organisation", "responsible_workgroup"]


@admin.register(WorkProgramme)
class WorkProgrammeAdmin(SimpleHistoryAdmin):
    list_display = ["year", "status", "adopted_at"]
    list_filter = ["status"]
    # Adoption goes through the adopt view, which checks the meeting.
    readonly_fields = ["status", "adopted_by_resolution", "adopted_at"]
    inlines = [WorkProgrammeItemInline]
