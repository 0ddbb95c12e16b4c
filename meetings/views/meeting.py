"""Meeting pages: the public list, detail and calendar feeds, and the coordinators'
pages to plan, change, correct and cancel a meeting."""

import datetime

from django.db.models import Count, Exists, OuterRef, Prefetch, Subquery
from django.db.models.functions import Coalesce
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.generic import CreateView, DetailView, FormView, ListView, UpdateView

from core.actions import CorrectionView, ServiceFormMixin
from core.fragments import CachedCountMixin, cached_value, later, visitor_variant
from core.network import get_network
from core.pagecache import cache_personal_page, cache_public_page
from core.roles import CoordinatorRequiredMixin, contact_organisations, get_roles
from meetings import ical, policies, services
from meetings.forms import CancelForm, MeetingForm
from meetings.models import (
    AgendaItem,
    Meeting,
    MeetingDocument,
    Resolution,
    WorkProgramme,
    this_year,
)
from meetings.views.invitation import _answer_counts
from meetings.views.shared import (
    FormPageMixin,
    MeetingScopedMixin,
    _corrections_of,
    _corrections_prefetch,
    _fields,
)


@method_decorator(cache_public_page, name="dispatch")
class MeetingListView(CachedCountMixin, ListView):
    template_name = "meetings/meeting_list.html"
    context_object_name = "past_meetings"
    paginate_by = 30
    # What the page's fragments show (core/fragments.py); past and upcoming change with
    # the clock.
    count_depends = ("meetings", "workgroups")
    count_clock = True

    def get_queryset(self):
        # A count per meeting as a subquery, so the database counts for the page's 30
        # meetings only (a join with GROUP BY counted for every past meeting first).
        visible_resolutions = (
            Resolution.objects.visible_to(self.request.user)
            .filter(agenda_item__meeting=OuterRef("pk"))
            .order_by()
            .values("agenda_item__meeting")
            .annotate(count=Count("pk"))
            .values("count")
        )
        return (
            Meeting.objects.visible_to(self.request.user)
            .past()
            .select_related("workgroup")
            .annotate(resolution_count=Coalesce(Subquery(visible_resolutions), 0))
        )

    def get_context_data(self, **kwargs):
        year = this_year()
        return super().get_context_data(
            # Built only when the fragment "meetings:upcoming" is rendered afresh.
            upcoming=later(
                lambda: list(
                    Meeting.objects.visible_to(self.request.user)
                    .upcoming()
                    .select_related("workgroup")
                )
            ),
            year_check=later(lambda: Meeting.objects.yearly_check(year)),
            feed_url=self.request.build_absolute_uri(reverse("meetings:calendar")),
            fragment_variant=visitor_variant(self.request),
            **kwargs,
        )


@method_decorator(cache_personal_page, name="get")
class MeetingDetailView(DetailView):
    template_name = "meetings/meeting_detail.html"
    context_object_name = "meeting"

    def get_queryset(self):
        return Meeting.objects.visible_to(self.request.user).select_related("workgroup")

    def get_context_data(self, **kwargs):
        user = self.request.user
        meeting = self.object
        roles = get_roles(user)
        # One query for the state every policy below asks about.
        meeting._minutes_approved = meeting.minutes_approved()
        internal = Meeting.objects.internal_readable_by(user).filter(pk=meeting.pk).exists()
        resolutions = (
            Resolution.objects.visible_to(user)
            .annotate(
                adopts_programme=Exists(
                    WorkProgramme.objects.filter(adopted_by_resolution=OuterRef("pk"))
                )
            )
            .prefetch_related(_corrections_prefetch())
            .order_by("pk")
        )
        items = list(
            AgendaItem.objects.visible_to(user)
            .filter(meeting=meeting)
            .select_related("approves_minutes_of", "work_programme")
            .prefetch_related(
                Prefetch("resolutions", queryset=resolutions), _corrections_prefetch()
            )
            # Link the programme only where ProgrammeDetailView would not answer 404.
            .annotate(
                programme_visible=Exists(
                    WorkProgramme.objects.visible_to(user).filter(pk=OuterRef("work_programme_id"))
                )
            )
            .order_by("order", "pk")
        )
        if roles.is_coordinator:
            for item in items:
                item.meeting = meeting
                item.actions = _item_actions(user, item)
                for resolution in item.resolutions.all():
                    resolution.actions = {
                        "edit": policies.can_edit_resolution(user, resolution),
                        "correct": policies.can_correct_resolution(user, resolution),
                    }
        context = {
            "may_read_internal": internal,
            "agenda": items,
            "hidden_items": 0 if internal else meeting.agenda_items.filter(is_public=False).count(),
            "documents": MeetingDocument.objects.visible_to(user).filter(meeting=meeting),
            "is_coordinator": roles.is_coordinator,
            "rsvp_open": meeting.rsvp_open(),
            "corrections": _corrections_of(meeting),
        }
        if roles.is_coordinator:
            context["actions"] = {
                "edit": policies.can_edit_meeting(user, meeting),
                "correct": policies.can_correct_meeting(user, meeting),
                "add_item": policies.can_add_agenda_item(user, meeting),
                "attendance": policies.can_record_attendance(user, meeting),
                "final": meeting._minutes_approved,
            }
        own = [o.pk for o in contact_organisations(user)]
        if own:
            context["own_invitations"] = meeting.invitations.filter(
                organisation_id__in=own
            ).select_related("organisation")
        if roles.is_coordinator:
            context["invitation_counts"] = _answer_counts(meeting)
            context["attendances"] = meeting.attendances.select_related("organisation")
        elif internal and meeting.status == Meeting.Status.HELD:
            context["attendances"] = meeting.attendances.select_related("organisation")
        return super().get_context_data(**context, **kwargs)


def _item_actions(user, item):
    return {
        "edit": policies.can_edit_agenda_item(user, item),
        "delete": policies.can_delete_agenda_item(user, item),
        "minutes": policies.can_record_minutes(user, item),
        "correct_minutes": policies.can_correct_minutes(user, item),
        "resolution": policies.can_record_resolution(user, item),
    }


@cache_public_page
def calendar_feed(request):
    """All meetings from twelve months back onwards, for calendar subscriptions."""

    def render():
        since = timezone.now() - datetime.timedelta(days=365)
        meetings = (
            Meeting.objects.visible_to(request.user)
            .filter(start__gte=since)
            .order_by("start", "pk")
        )
        return ical.calendar_bytes(
            meetings, name=_("%(network)s – Treffen") % {"network": get_network().brand_display}
        )

    # Kept until meetings, groups or the network's name change (core/fragments.py).
    body = cached_value(
        "meetings:calendar",
        ("meetings", "workgroups", "netzwerk"),
        render,
        vary=(visitor_variant(request),),
        clock=True,
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="treffen.ics"'
    return response


def meeting_ics(request, pk):
    meeting = get_object_or_404(Meeting.objects.visible_to(request.user), pk=pk)
    body = ical.calendar_bytes([meeting], name=meeting.title)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="treffen-{meeting.pk}.ics"'
    return response


class MeetingCreateView(CoordinatorRequiredMixin, ServiceFormMixin, FormPageMixin, CreateView):
    model = Meeting
    form_class = MeetingForm
    heading = _("Neues Treffen anlegen")
    success_message = _("Das Treffen ist angelegt. Ergänzen Sie nun die Tagesordnung.")

    def get_initial(self):
        return {"kind": self.request.GET.get("art", Meeting.Kind.PLENARY)}

    def perform(self, form):
        return services.create_meeting(
            by=self.request.user, **_fields(form, services.MEETING_FIELDS)
        )


class MeetingUpdateView(CoordinatorRequiredMixin, ServiceFormMixin, FormPageMixin, UpdateView):
    model = Meeting
    form_class = MeetingForm
    context_object_name = "meeting"
    success_message = _("Das Treffen ist gespeichert.")

    def get_heading(self):
        return _("Treffen bearbeiten")

    def get_cancel_url(self):
        return self.object.get_absolute_url()

    def perform(self, form):
        return services.update_meeting(
            meeting=self.object, by=self.request.user, **_fields(form, services.MEETING_FIELDS)
        )


class MeetingCorrectionView(CoordinatorRequiredMixin, CorrectionView):
    """A held meeting's date, corrected with a reason (the original stays visible)."""

    correction_fields = ("start", "end")
    policy = staticmethod(policies.can_correct_meeting)

    def get_record(self):
        return get_object_or_404(Meeting, pk=self.kwargs["pk"])

    def perform(self, form):
        return services.correct_meeting(
            meeting=self.record,
            by=self.request.user,
            reason=form.cleaned_data["reason"],
            **{name: form.cleaned_data[name] for name in self.correction_fields},
        )


class MeetingCancelView(
    CoordinatorRequiredMixin, ServiceFormMixin, MeetingScopedMixin, FormPageMixin, FormView
):
    form_class = CancelForm
    submit_label = _("Treffen absagen")
    success_message = _("Das Treffen ist abgesagt.")

    def get_heading(self):
        return _("Treffen „%(title)s“ absagen") % {"title": self.meeting.title}

    def perform(self, form):
        return services.cancel_meeting(
            meeting=self.meeting, reason=form.cleaned_data["reason"], by=self.request.user
        )
