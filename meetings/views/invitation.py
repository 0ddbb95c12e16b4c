"""Invitations: partners answer them (RSVP); coordinators send them, follow the
answers and record who attended."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView

from core.actions import ServiceFormMixin
from core.roles import (
    CoordinatorRequiredMixin,
    PartnerContactRequiredMixin,
    contact_organisations,
)
from meetings import services
from meetings.forms import AttendanceForm, RSVPForm
from meetings.models import Invitation, Meeting
from meetings.views.shared import FormPageMixin, MeetingScopedMixin


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
