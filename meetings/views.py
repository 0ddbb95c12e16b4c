import datetime

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.generic import (
    CreateView,
    DeleteView,
    DetailView,
    FormView,
    ListView,
    TemplateView,
    UpdateView,
)

from core.actions import CorrectionView, ServiceFormMixin
from core.network import get_network
from core.pagecache import cache_personal_page, cache_public_page
from core.roles import (
    CoordinatorRequiredMixin,
    PartnerContactRequiredMixin,
    contact_organisations,
    get_roles,
)
from core.uploads import file_response
from meetings import ical, policies, services
from meetings.forms import (
    AdoptProgrammeForm,
    AgendaItemForm,
    AttendanceForm,
    CancelForm,
    DocumentForm,
    MeetingForm,
    MinutesForm,
    ResolutionForm,
    RSVPForm,
    WorkProgrammeForm,
    WorkProgrammeItemForm,
    WorkProgrammeProgressForm,
    WorkProgrammeUpdateForm,
)
from meetings.models import (
    AgendaItem,
    Invitation,
    Meeting,
    MeetingDocument,
    Resolution,
    WorkProgramme,
    WorkProgrammeItem,
)

# ---------------------------------------------------------------------------
# Public pages


@method_decorator(cache_public_page, name="dispatch")
class MeetingListView(ListView):
    template_name = "meetings/meeting_list.html"
    context_object_name = "past_meetings"
    paginate_by = 30

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
        year = timezone.localdate().year
        return super().get_context_data(
            upcoming=Meeting.objects.visible_to(self.request.user)
            .upcoming()
            .select_related("workgroup"),
            year_check=Meeting.objects.yearly_check(year),
            feed_url=self.request.build_absolute_uri(reverse("meetings:calendar")),
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


def _corrections_prefetch():
    from core.models import Correction

    return Prefetch(
        "corrections",
        queryset=Correction.objects.select_related("corrected_by", "content_type"),
    )


def _corrections_of(record):
    from core.models import Correction

    return Correction.objects.of(record).select_related("content_type")


def _item_actions(user, item):
    return {
        "edit": policies.can_edit_agenda_item(user, item),
        "delete": policies.can_delete_agenda_item(user, item),
        "minutes": policies.can_record_minutes(user, item),
        "correct_minutes": policies.can_correct_minutes(user, item),
        "resolution": policies.can_record_resolution(user, item),
    }


def _answer_counts(meeting):
    counts = dict(
        meeting.invitations.counting()
        .values_list("answer")
        .annotate(n=Count("pk"))
        .values_list("answer", "n")
    )
    return {
        "yes": counts.get(Invitation.Answer.YES, 0),
        "no": counts.get(Invitation.Answer.NO, 0),
        "maybe": counts.get(Invitation.Answer.MAYBE, 0),
        "open": counts.get("", 0),
        "total": sum(counts.values()),
    }


@cache_public_page
def calendar_feed(request):
    """All meetings from twelve months back onwards, for calendar subscriptions."""
    since = timezone.now() - datetime.timedelta(days=365)
    meetings = (
        Meeting.objects.visible_to(request.user).filter(start__gte=since).order_by("start", "pk")
    )
    body = ical.calendar_bytes(
        meetings, name=_("%(network)s – Treffen") % {"network": get_network().brand_display}
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


def document_download(request, pk, doc):
    """Serve a document if the user may read it.

    Internal documents: anonymous visitors are sent to the login; logged-in users
    without access get 404, as if the document did not exist.
    """
    document = get_object_or_404(MeetingDocument, pk=doc, meeting_id=pk)
    if not MeetingDocument.objects.visible_to(request.user).filter(pk=document.pk).exists():
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        raise Http404
    return file_response(document.file, inline=True)


class ResolutionListView(ListView):
    template_name = "meetings/resolution_list.html"
    context_object_name = "resolutions"
    paginate_by = 50

    def get_queryset(self):
        return (
            Resolution.objects.visible_to(self.request.user)
            .search(self.request.GET.get("q", ""))
            .select_related("agenda_item__meeting")
            .prefetch_related(_corrections_prefetch())
            .newest_first()
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(query=self.request.GET.get("q", "").strip(), **kwargs)


class ProgrammeListView(ListView):
    template_name = "meetings/workprogramme_list.html"
    context_object_name = "programmes"

    def get_queryset(self):
        return (
            WorkProgramme.objects.visible_to(self.request.user)
            .select_related("adopted_by_resolution__agenda_item__meeting")
            .annotate(
                item_count=Count("items", distinct=True),
                done_count=Count(
                    "items", filter=Q(items__status=WorkProgrammeItem.Status.DONE), distinct=True
                ),
            )
            .order_by("-year")
        )

    def get_context_data(self, **kwargs):
        year = timezone.localdate().year
        current = (
            WorkProgramme.objects.adopted()
            .filter(year=year)
            .prefetch_related(_item_prefetch())
            .first()
        )
        return super().get_context_data(current=current, year=year, **kwargs)


def _item_prefetch():
    return Prefetch(
        "items",
        queryset=WorkProgrammeItem.objects.select_related(
            "responsible_organisation", "responsible_workgroup"
        ).prefetch_related(_corrections_prefetch()),
    )


class ProgrammeDetailView(DetailView):
    template_name = "meetings/workprogramme_detail.html"
    context_object_name = "programme"

    def get_object(self, queryset=None):
        return get_object_or_404(
            WorkProgramme.objects.visible_to(self.request.user)
            .select_related("adopted_by_resolution__agenda_item__meeting")
            .prefetch_related(_item_prefetch()),
            year=self.kwargs["year"],
        )

    def get_context_data(self, **kwargs):
        counts = {status: 0 for status in WorkProgrammeItem.Status.values}
        for item in self.object.items.all():
            counts[item.status] += 1
        progress = [(WorkProgrammeItem.Status(status).label, n) for status, n in counts.items()]
        user = self.request.user
        is_coordinator = get_roles(user).is_coordinator
        programme = self.object
        actions = {}
        if is_coordinator:
            actions = {
                "edit": policies.can_edit_programme(user, programme),
                "add_item": policies.can_add_programme_item(user, programme),
                "adopt": policies.can_adopt_programme(user, programme),
            }
            for item in programme.items.all():
                item.programme = programme
                item.actions = {
                    "edit": policies.can_edit_programme_item(user, item),
                    "progress": policies.can_report_progress(user, item),
                    "correct": policies.can_correct_programme_item(user, item),
                }
        return super().get_context_data(
            progress=progress,
            is_coordinator=is_coordinator,
            actions=actions,
            corrections=_corrections_of(programme),
            **kwargs,
        )


# ---------------------------------------------------------------------------
# Partners answer invitations


class RSVPView(PartnerContactRequiredMixin, ServiceFormMixin, FormView):
    template_name = "meetings/invitation_form.html"
    form_class = RSVPForm

    def dispatch(self, request, *args, **kwargs):
        self.meeting = get_object_or_404(Meeting.objects.visible_to(request.user), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def organisations(self):
        from partners.models import Organisation

        own = [o.pk for o in contact_organisations(self.request.user)]
        return Organisation.objects.filter(
            pk__in=own, meeting_invitations__meeting=self.meeting
        ).order_by("name")

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        organisations = self.organisations()
        kwargs["organisations"] = organisations
        current = Invitation.objects.filter(
            meeting=self.meeting, organisation__in=organisations
        ).first()
        if current is not None and current.answer:
            kwargs["instance"] = current
            kwargs["initial"] = {"organisation": current.organisation}
        return kwargs

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            meeting=self.meeting,
            rsvp_open=self.meeting.rsvp_open(),
            invitations=Invitation.objects.filter(
                meeting=self.meeting, organisation__in=self.organisations()
            ).select_related("organisation", "answered_by"),
            **kwargs,
        )

    success_message = _("Danke, Ihre Rückmeldung ist gespeichert.")

    def perform(self, form):
        data = form.cleaned_data
        return services.answer_invitation(
            meeting=self.meeting,
            organisation=data["organisation"],
            by=self.request.user,
            answer=data["answer"],
            attendee_names=data.get("attendee_names", ""),
            attendee_count=data.get("attendee_count") or 0,
        )

    def get_success_url(self):
        return self.meeting.get_absolute_url()


# ---------------------------------------------------------------------------
# Coordinators manage meetings


class FormPageMixin:
    """Context for the shared form page: a heading, a back link and a submit label."""

    template_name = "meetings/form.html"
    heading = ""
    submit_label = None

    def get_heading(self):
        return self.heading

    def get_cancel_url(self):
        meeting = getattr(self, "meeting", None)
        return meeting.get_absolute_url() if meeting else reverse("meetings:list")

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            heading=self.get_heading(),
            cancel_url=self.get_cancel_url(),
            submit_label=self.submit_label,
            meeting=getattr(self, "meeting", None),
            **kwargs,
        )


class MeetingScopedMixin:
    """Loads the meeting of the URL for coordinator pages."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and get_roles(request.user).is_coordinator:
            self.meeting = get_object_or_404(Meeting, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)


def _fields(form, names):
    return {name: form.cleaned_data[name] for name in names if name in form.cleaned_data}


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


class InvitationSendView(CoordinatorRequiredMixin, MeetingScopedMixin, TemplateView):
    template_name = "meetings/invitation_confirm_send.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            meeting=self.meeting,
            organisation_count=self.meeting.invitees().count(),
            agenda=self.meeting.agenda_items.order_by("order", "pk"),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        try:
            services.send_invitation(meeting=self.meeting, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(self.meeting)
        messages.success(request, _("Die Einladung ist verschickt."))
        return redirect("meetings:responses", pk=self.meeting.pk)


class ResponsesView(CoordinatorRequiredMixin, MeetingScopedMixin, TemplateView):
    template_name = "meetings/invitation_list.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            meeting=self.meeting,
            invitations=self.meeting.invitations.counting()
            .select_related("organisation", "answered_by")
            .order_by("answer", "organisation__name"),
            # Organisations no longer partners on the meeting's day: shown, not counted.
            departed=self.meeting.invitations.not_counting()
            .select_related("organisation", "answered_by")
            .order_by("organisation__name"),
            counts=_answer_counts(self.meeting),
            **kwargs,
        )


class AttendanceView(
    CoordinatorRequiredMixin, ServiceFormMixin, MeetingScopedMixin, FormPageMixin, FormView
):
    form_class = AttendanceForm
    submit_label = _("Anwesenheit speichern")
    success_message = _("Die Anwesenheit ist gespeichert.")

    def get_heading(self):
        return _("Anwesenheit: %(title)s") % {"title": self.meeting.title}

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "meeting": self.meeting}

    def get_initial(self):
        present = self.meeting.attendances.values_list("organisation_id", flat=True)
        if not present:
            present = self.meeting.invitations.filter(answer=Invitation.Answer.YES).values_list(
                "organisation_id", flat=True
            )
        return {"organisations": list(present)}

    def perform(self, form):
        return services.record_attendance(
            meeting=self.meeting,
            organisations=list(form.cleaned_data["organisations"]),
            by=self.request.user,
        )


class AgendaItemCreateView(
    CoordinatorRequiredMixin, ServiceFormMixin, MeetingScopedMixin, FormPageMixin, CreateView
):
    model = AgendaItem
    form_class = AgendaItemForm
    success_message = _("Der Tagesordnungspunkt ist gespeichert.")

    def get_heading(self):
        return _("Neuer Tagesordnungspunkt: %(title)s") % {"title": self.meeting.title}

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "meeting": self.meeting}

    def get_initial(self):
        last = self.meeting.agenda_items.order_by("-order").first()
        return {"order": (last.order + 1) if last else 1}

    def perform(self, form):
        return services.add_agenda_item(
            meeting=self.meeting, by=self.request.user, **_fields(form, services.AGENDA_FIELDS)
        )

    def get_success_url(self):
        return self.meeting.get_absolute_url()


class AgendaItemScopedMixin(MeetingScopedMixin):
    def get_queryset(self):
        return AgendaItem.objects.filter(meeting=self.meeting)

    def get_object(self, queryset=None):
        return get_object_or_404(self.get_queryset(), pk=self.kwargs["item"])


class AgendaItemUpdateView(
    CoordinatorRequiredMixin, ServiceFormMixin, AgendaItemScopedMixin, FormPageMixin, UpdateView
):
    form_class = AgendaItemForm
    success_message = _("Der Tagesordnungspunkt ist gespeichert.")

    def get_heading(self):
        return _("Tagesordnungspunkt bearbeiten")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "meeting": self.meeting}

    def perform(self, form):
        return services.update_agenda_item(
            item=self.object, by=self.request.user, **_fields(form, services.AGENDA_FIELDS)
        )

    def get_success_url(self):
        return self.meeting.get_absolute_url()


class AgendaItemDeleteView(CoordinatorRequiredMixin, AgendaItemScopedMixin, DeleteView):
    template_name = "meetings/agendaitem_confirm_delete.html"
    context_object_name = "item"

    def get_success_url(self):
        return self.meeting.get_absolute_url()

    def form_valid(self, form):
        try:
            services.delete_agenda_item(item=self.object, by=self.request.user)
        except ValidationError as error:
            for message in error.messages:
                messages.error(self.request, message)
            return redirect(self.meeting)
        messages.success(self.request, _("Der Tagesordnungspunkt ist gelöscht."))
        return redirect(self.get_success_url())


class MinutesView(
    CoordinatorRequiredMixin, ServiceFormMixin, AgendaItemScopedMixin, FormPageMixin, UpdateView
):
    form_class = MinutesForm
    success_message = _("Das Protokoll ist gespeichert.")

    def get_heading(self):
        return _("Protokoll zu „%(title)s“") % {"title": self.object.title}

    def perform(self, form):
        return services.record_minutes(
            item=self.object, by=self.request.user, minutes=form.cleaned_data["minutes"]
        )


class MinutesCorrectionView(CoordinatorRequiredMixin, CorrectionView):
    """Approved minutes, corrected with a reason."""

    correction_fields = ("minutes",)
    policy = staticmethod(policies.can_correct_minutes)

    def get_record(self):
        return get_object_or_404(AgendaItem, meeting_id=self.kwargs["pk"], pk=self.kwargs["item"])


class ResolutionCreateView(
    CoordinatorRequiredMixin, ServiceFormMixin, MeetingScopedMixin, FormPageMixin, FormView
):
    form_class = ResolutionForm

    def get_item(self):
        return get_object_or_404(AgendaItem, meeting=self.meeting, pk=self.kwargs["item"])

    def get_heading(self):
        return _("Beschluss zu „%(title)s“") % {"title": self.get_item().title}

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = self.get_resolution()
        return kwargs

    def get_resolution(self):
        return None

    def perform(self, form):
        data = form.cleaned_data
        return services.record_resolution(
            agenda_item=self.get_item(),
            by=self.request.user,
            resolution=self.get_resolution(),
            text=data["text"],
            votes_yes=data["votes_yes"],
            votes_no=data["votes_no"],
            votes_abstain=data["votes_abstain"],
            is_public=data["is_public"],
        )

    def get_success_message(self, result):
        message = _("Der Beschluss ist gespeichert: %(outcome)s.") % {
            "outcome": result.outcome_label
        }
        if result.adopted_programmes.exists():
            message += " " + _("Das Arbeitsprogramm ist damit beschlossen.")
        return message


class ResolutionUpdateView(ResolutionCreateView):
    def get_resolution(self):
        return get_object_or_404(
            Resolution, agenda_item__meeting=self.meeting, pk=self.kwargs["resolution"]
        )

    def get_item(self):
        return self.get_resolution().agenda_item


class ResolutionCorrectionView(CoordinatorRequiredMixin, CorrectionView):
    """A final resolution's text or vote, corrected; the original result stays visible."""

    correction_fields = ("text", "votes_yes", "votes_no", "votes_abstain")
    policy = staticmethod(policies.can_correct_resolution)

    def get_record(self):
        return get_object_or_404(
            Resolution, agenda_item__meeting_id=self.kwargs["pk"], pk=self.kwargs["resolution"]
        )

    def perform(self, form):
        return services.correct_resolution(
            resolution=self.record,
            by=self.request.user,
            reason=form.cleaned_data["reason"],
            **{name: form.cleaned_data[name] for name in self.correction_fields},
        )


class DocumentCreateView(CoordinatorRequiredMixin, MeetingScopedMixin, FormPageMixin, FormView):
    form_class = DocumentForm
    submit_label = _("Hochladen")

    def get_heading(self):
        return _("Dokument hochladen: %(title)s") % {"title": self.meeting.title}

    def form_valid(self, form):
        services.add_document(
            meeting=self.meeting,
            by=self.request.user,
            title=form.cleaned_data["title"],
            file=form.cleaned_data["file"],
            is_public=form.cleaned_data["is_public"],
        )
        messages.success(self.request, _("Das Dokument ist hochgeladen."))
        return redirect(self.meeting.get_absolute_url() + "#dokumente")


class DocumentDeleteView(CoordinatorRequiredMixin, MeetingScopedMixin, TemplateView):
    template_name = "meetings/meetingdocument_confirm_delete.html"

    def get_document(self):
        return get_object_or_404(MeetingDocument, meeting=self.meeting, pk=self.kwargs["doc"])

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            meeting=self.meeting, document=self.get_document(), **kwargs
        )

    def post(self, request, *args, **kwargs):
        try:
            services.delete_document(document=self.get_document(), by=request.user)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("Das Dokument ist gelöscht."))
        return redirect(self.meeting)


# ---------------------------------------------------------------------------
# Coordinators manage the work programme


class ProgrammeCreateView(CoordinatorRequiredMixin, ServiceFormMixin, FormPageMixin, CreateView):
    model = WorkProgramme
    form_class = WorkProgrammeForm
    heading = _("Neues Arbeitsprogramm")
    success_message = _("Der Entwurf ist angelegt. Fügen Sie Vorhaben hinzu.")

    def get_initial(self):
        return {"year": timezone.localdate().year + 1}

    def get_cancel_url(self):
        return reverse("meetings:programme")

    def perform(self, form):
        return services.create_programme(
            by=self.request.user,
            year=form.cleaned_data["year"],
            introduction=form.cleaned_data["introduction"],
        )


class ProgrammeScopedMixin:
    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and get_roles(request.user).is_coordinator:
            self.programme = get_object_or_404(WorkProgramme, year=kwargs["year"])
        return super().dispatch(request, *args, **kwargs)

    def get_cancel_url(self):
        return self.programme.get_absolute_url()


class ProgrammeUpdateView(
    CoordinatorRequiredMixin, ServiceFormMixin, ProgrammeScopedMixin, FormPageMixin, UpdateView
):
    form_class = WorkProgrammeUpdateForm
    success_message = _("Das Arbeitsprogramm ist gespeichert.")

    def get_object(self, queryset=None):
        return self.programme

    def get_heading(self):
        return _("%(programme)s bearbeiten") % {"programme": self.programme}

    def perform(self, form):
        return services.update_programme(
            programme=self.programme,
            by=self.request.user,
            introduction=form.cleaned_data["introduction"],
        )


class ProgrammeItemCreateView(
    CoordinatorRequiredMixin, ServiceFormMixin, ProgrammeScopedMixin, FormPageMixin, CreateView
):
    model = WorkProgrammeItem
    form_class = WorkProgrammeItemForm
    success_message = _("Das Vorhaben ist gespeichert.")

    def get_heading(self):
        return _("Neues Vorhaben: %(programme)s") % {"programme": self.programme}

    def get_initial(self):
        last = self.programme.items.order_by("-order").first()
        return {"order": (last.order + 1) if last else 1}

    def perform(self, form):
        return services.add_programme_item(
            programme=self.programme,
            by=self.request.user,
            **_fields(form, services.PROGRAMME_ITEM_FIELDS),
        )


class ProgrammeItemUpdateView(
    CoordinatorRequiredMixin, ServiceFormMixin, ProgrammeScopedMixin, FormPageMixin, UpdateView
):
    """The whole item of a draft programme; of an adopted one only its progress."""

    success_message = _("Das Vorhaben ist gespeichert.")

    def get_object(self, queryset=None):
        return get_object_or_404(self.programme.items, pk=self.kwargs["item"])

    def get_form_class(self):
        return WorkProgrammeProgressForm if self.programme.is_adopted else WorkProgrammeItemForm

    def get_heading(self):
        if self.programme.is_adopted:
            return _("Stand des Vorhabens: %(title)s") % {"title": self.object.title}
        return _("Vorhaben bearbeiten: %(title)s") % {"title": self.object.title}

    def perform(self, form):
        return services.update_programme_item(
            item=self.object,
            by=self.request.user,
            **_fields(form, form._meta.fields),
        )


class ProgrammeItemCorrectionView(CoordinatorRequiredMixin, CorrectionView):
    """An item of an adopted programme, corrected with a reason."""

    correction_fields = ("title", "description", "responsible_organisation", "target_quarter")
    policy = staticmethod(policies.can_correct_programme_item)

    def get_record(self):
        return get_object_or_404(
            WorkProgrammeItem, programme__year=self.kwargs["year"], pk=self.kwargs["item"]
        )


class ProgrammeAdoptView(
    CoordinatorRequiredMixin, ServiceFormMixin, ProgrammeScopedMixin, FormPageMixin, FormView
):
    form_class = AdoptProgrammeForm
    submit_label = _("Als beschlossen eintragen")
    success_message = _("Das Arbeitsprogramm ist als beschlossen eingetragen.")

    def get_heading(self):
        return _("%(programme)s beschließen") % {"programme": self.programme}

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "programme": self.programme}

    def perform(self, form):
        return services.adopt_programme(
            programme=self.programme,
            resolution=form.cleaned_data["resolution"],
            by=self.request.user,
        )
