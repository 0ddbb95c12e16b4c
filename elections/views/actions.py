"""The coordination's steps through an election: a confirm page and the transition."""

from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy
from django.views.generic import FormView

from core.actions import ServiceActionView, ServiceFormMixin
from core.roles import CoordinatorRequiredMixin
from elections import services
from elections.forms import LotForm, PaperResultForm, PublishForm
from elections.models import Term
from elections.views.common import ElectionMixin


class ElectionActionView(CoordinatorRequiredMixin, ElectionMixin, ServiceActionView):
    """A confirm page (GET) and the transition (POST) of one election service."""

    http_method_names = ["get", "post"]

    template_name = "elections/election_confirm.html"
    service = None
    title = ""
    explanation = ""
    button = ""
    success = ""
    destructive = False

    def get(self, request, *args, **kwargs):
        return TemplateResponse(
            request,
            self.template_name,
            {
                "election": self.get_election(),
                "title": self.title,
                "explanation": self.explanation,
                "button": self.button,
                "destructive": self.destructive,
            },
        )

    @property
    def success_message(self):
        return self.success

    def perform(self):
        return type(self).service(election=self.get_election(), by=self.request.user)

    def get_success_url(self):
        result = getattr(self, "result", None)
        return (result or self.get_election()).get_absolute_url()


class OpenNominationsView(ElectionActionView):
    service = services.open_nominations
    title = gettext_lazy("Vorschläge öffnen")
    explanation = gettext_lazy(
        "Alle Partner können dann Organisationen vorschlagen. Die Vorgeschlagenen werden per "
        "E-Mail um Zustimmung gebeten."
    )
    button = gettext_lazy("Vorschläge öffnen")
    success = gettext_lazy("Die Vorschlagsphase ist eröffnet.")


class OpenVotingView(ElectionActionView):
    service = services.open_voting
    title = gettext_lazy("Abstimmung öffnen")
    explanation = gettext_lazy(
        "Die Vorschlagsphase endet. Wahlberechtigt sind die Organisationen, die jetzt aktive "
        "Partner sind; das lässt sich danach nicht mehr ändern."
    )
    button = gettext_lazy("Abstimmung öffnen")
    success = gettext_lazy("Die Abstimmung ist eröffnet.")
    destructive = True


class CloseVotingView(ElectionActionView):
    service = services.close_voting
    title = gettext_lazy("Abstimmung beenden und auszählen")
    explanation = gettext_lazy(
        "Danach kann keine Organisation mehr abstimmen. Die Stimmen werden ausgezählt; "
        "veröffentlicht wird das Ergebnis erst in einem eigenen Schritt."
    )
    button = gettext_lazy("Abstimmung beenden")
    success = gettext_lazy("Die Abstimmung ist beendet und ausgezählt.")
    destructive = True


class CancelElectionView(ElectionActionView):
    service = services.cancel_election
    title = gettext_lazy("Wahl absagen")
    explanation = gettext_lazy(
        "Die Wahl wird abgesagt; abgegebene Stimmen werden nicht ausgezählt."
    )
    button = gettext_lazy("Wahl absagen")
    success = gettext_lazy("Die Wahl ist abgesagt.")
    destructive = True


class RunoffView(ElectionActionView):
    service = services.resolve_tie_by_runoff
    title = gettext_lazy("Stichwahl anlegen")
    explanation = gettext_lazy(
        "Für die offenen Sitze wird eine Stichwahl zwischen den gleichauf liegenden "
        "Kandidaturen angelegt. Die übrigen Gewählten können veröffentlicht werden."
    )
    button = gettext_lazy("Stichwahl anlegen")
    success = gettext_lazy("Die Stichwahl ist angelegt. Öffnen Sie dort die Abstimmung.")


class ElectionFormActionView(CoordinatorRequiredMixin, ElectionMixin, ServiceFormMixin, FormView):
    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "election": self.get_election()}

    def get_success_message(self, result):
        return self.success

    def get_success_url(self):
        return self.get_election().get_absolute_url()


class PublishView(ElectionFormActionView):
    template_name = "elections/election_publish.html"
    form_class = PublishForm
    success = gettext_lazy("Das Ergebnis ist veröffentlicht; die Amtszeiten sind angelegt.")

    def get_initial(self):
        # Suggest the day the earliest current term ends, so the new terms follow on,
        # but never a day before the election was counted.
        ending = Term.objects.current().order_by("end").values_list("end", flat=True).first()
        earliest = self.get_election().close_date or timezone.localdate()
        return {"start": max(ending or earliest, earliest)}

    def perform(self, form):
        return services.publish_result(
            election=self.get_election(), start=form.cleaned_data["start"], by=self.request.user
        )


class LotView(ElectionFormActionView):
    template_name = "elections/election_lot.html"
    form_class = LotForm
    success = gettext_lazy("Der Losentscheid ist festgehalten.")

    def perform(self, form):
        return services.resolve_tie_by_lot(
            election=self.get_election(),
            winners=list(form.cleaned_data["winners"]),
            note=form.cleaned_data["note"],
            by=self.request.user,
        )


class PaperResultView(ElectionFormActionView):
    template_name = "elections/election_paper_result.html"
    form_class = PaperResultForm
    success = gettext_lazy("Das Ergebnis der Papierwahl ist eingetragen und ausgezählt.")

    def perform(self, form):
        return services.enter_paper_result(
            election=self.get_election(),
            ballots=form.cleaned_data["ballots"],
            votes=form.votes(),
            by=self.request.user,
        )
