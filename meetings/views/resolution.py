"""Resolutions: the public list (with search) and the coordinators' pages to record,
edit and correct them."""

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views.generic import FormView, ListView

from core.actions import CorrectionView, ServiceFormMixin
from core.roles import CoordinatorRequiredMixin
from meetings import policies, services
from meetings.forms import ResolutionForm
from meetings.models import AgendaItem, Resolution
from meetings.views.shared import FormPageMixin, MeetingScopedMixin, _corrections_prefetch


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
