from django import forms
from django.contrib import admin

from core.admin import HistoryAdmin, PolicyAdminMixin, ReadOnlyAdminMixin
from core.records import ALL_FIELDS
from meetings import policies
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

    # `obj` is the meeting: a held meeting keeps its agenda and what decides its
    # resolutions; one with approved minutes keeps everything.
    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if obj is not None and obj.pk is not None:
            locked = obj.locked_fields()
            if locked == ALL_FIELDS:
                return self.fields
            if locked:
                fields += [f for f in self.fields if f in AgendaItem.HELD_LOCKED if f not in fields]
        return fields

    def has_add_permission(self, request, obj=None):
        if obj is not None and not policies.can_add_agenda_item(request.user, obj):
            return False
        return super().has_add_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.pk is not None and obj.is_held:
            return False
        return super().has_delete_permission(request, obj)


class MeetingAdminForm(forms.ModelForm):
    def clean(self):
        data = super().clean()
        start = data.get("start", self.instance.start)
        kind = data.get("kind", self.instance.kind)
        decision = policies.later_plenary_refusal(start=start, kind=kind, exclude=self.instance.pk)
        if not decision:
            raise forms.ValidationError(decision.reason)
        return data


@admin.register(Meeting)
class MeetingAdmin(PolicyAdminMixin, HistoryAdmin):
    form = MeetingAdminForm
    change_policy = staticmethod(policies.can_edit_meeting)
    delete_policy = staticmethod(policies.can_delete_meeting)
    list_display = ["title", "start", "kind", "status", "invitation_sent_at"]
    list_filter = ["kind", "status"]
    search_fields = ["title", "description"]
    date_hierarchy = "start"
    raw_id_fields = ["workgroup", "created_by"]
    inlines = [AgendaItemInline]
    # Inviting, cancelling and recording attendance go through the meeting's pages.
    readonly_fields = ["status", "invitation_sent_at", "cancel_reason"]


class ServiceWrittenAdmin(ReadOnlyAdminMixin, HistoryAdmin):
    """Shown, not written: invitations and answers go through the invitation and RSVP
    pages, attendance through the meeting's attendance page (it carries the votes)."""


@admin.register(Invitation)
class InvitationAdmin(ServiceWrittenAdmin):
    list_display = ["meeting", "organisation", "answer", "attendee_count", "answered_at"]
    list_filter = ["answer"]
    search_fields = ["organisation__name", "meeting__title"]
    list_select_related = ["meeting", "organisation"]


@admin.register(Attendance)
class AttendanceAdmin(ServiceWrittenAdmin):
    list_display = ["meeting", "organisation", "recorded_at"]
    search_fields = ["organisation__name", "meeting__title"]
    list_select_related = ["meeting", "organisation"]


@admin.register(Resolution)
class ResolutionAdmin(PolicyAdminMixin, HistoryAdmin):
    delete_policy = staticmethod(policies.can_delete_resolution)

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

    # `obj` is the programme: once adopted its items are neither changed, added nor deleted.
    def has_change_permission(self, request, obj=None):
        if obj is not None and obj.is_adopted:
            return False
        return super().has_change_permission(request, obj)

    def has_add_permission(self, request, obj=None):
        if obj is not None and obj.is_adopted:
            return False
        return super().has_add_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.is_adopted:
            return False
        return super().has_delete_permission(request, obj)


@admin.register(WorkProgramme)
class WorkProgrammeAdmin(PolicyAdminMixin, HistoryAdmin):
    change_policy = staticmethod(policies.can_edit_programme)
    delete_policy = staticmethod(policies.can_delete_programme)
    list_display = ["year", "status", "adopted_at"]
    list_filter = ["status"]
    # Adoption goes through the adopt view, which checks the meeting.
    readonly_fields = ["status", "adopted_by_resolution", "adopted_at"]
    inlines = [WorkProgrammeItemInline]
