"""Coordinators manage a meeting's agenda items and their minutes."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.generic import CreateView, DeleteView, UpdateView

from core.actions import CorrectionView, ServiceFormMixin
from core.roles import CoordinatorRequiredMixin
from meetings import policies, services
from meetings.forms import AgendaItemForm, MinutesForm
from meetings.models import AgendaItem
from meetings.views.shared import FormPageMixin, MeetingScopedMixin, _fields


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
