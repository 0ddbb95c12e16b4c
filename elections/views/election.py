import random

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import MaxLengthValidator
from django.db.models import Count, Prefetch, Q
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import DetailView, FormView, ListView, TemplateView

from elections import policies, services
from elections.forms import (
    BallotForm,
    ElectionForm,
    LotForm,
    NominationAcceptForm,
    NominationForm,
    PaperResultForm,
    PublishForm,
)
from elections.models import BallotReceipt, Election, Nomination, Term
from netzwerk.actions import CorrectionView, ServiceActionView, ServiceFormMixin
from netzwerk.models import Correction
from netzwerk.pagecache import cache_public_page
from netzwerk.ratelimit import rate_limit
from netzwerk.roles import CoordinatorRequiredMixin, RepresentativeRequiredMixin, get_roles
from partners.models import Contact, Organisation


def _errors(request, error):
    for message in error.messages:
        messages.error(request, message)


def _corrections():
    """Prefetch a record's corrections with what the corrections template shows."""
    return Prefetch(
        "corrections",
        queryset=Correction.objects.select_related("corrected_by", "content_type"),
    )


@method_decorator(cache_public_page, name="dispatch")
class SpeakerGroupView(TemplateView):
    template_name = "elections/speaker_group.html"

    def get_context_data(self, **kwargs):
        public_contacts = Prefetch(
            "contacts", queryset=Contact.objects.public(), to_attr="public_contacts"
        )
        coordinating = (
            Organisation.objects.active().coordinating().prefetch_related(public_contacts)
        )
        current = (
            Term.objects.current()
            .select_related("seat", "election")
            .prefetch_related(
                Prefetch(
                    "organisation",
                    queryset=Organisation.objects.prefetch_related(public_contacts),
                ),
                _corrections(),
            )
            .order_by("seat__number")
        )
        past = (
            Term.objects.past()
            .select_related("organisation", "seat", "election")
            .prefetch_related(_corrections())
        )
        compositions = {}
        for term in past.order_by("-start", "seat__number"):
            compositions.setdefault((term.start, term.end), []).append(term)
        return super().get_context_data(
            may_correct_terms=policies.can_correct_term(self.request.user, None),
            coordinating=coordinating,
            current_terms=current,
            compositions=[
                {"start": start, "end": end, "terms": terms}
                for (start, end), terms in compositions.items()
            ],
            **kwargs,
        )


class ElectionListView(ListView):
    paginate_by = 20

    def get_queryset(self):
        return (
            Election.objects.visible_to(self.request.user)
            .annotate(
                candidate_count=Count(
                    "nominations", filter=Q(nominations__status=Nomination.Status.ACCEPTED)
                )
            )
            .order_by("-created_at")
        )


@method_decorator(cache_public_page, name="dispatch")
class ElectionDetailView(DetailView):
    def get_queryset(self):
        return (
            Election.objects.visible_to(self.request.user)
            .select_related("runoff_of")
            .prefetch_related(_corrections())
        )

    def get_context_data(self, **kwargs):
        election = self.object
        roles = get_roles(self.request.user)
        nominations = election.nominations.select_related(
            "organisation", "nominated_by"
        ).prefetch_related(_corrections())
        candidates = [n for n in nominations if n.status == Nomination.Status.ACCEPTED]
        # Counts exist only after closing; the public sees them once published.
        show_counts = election.status == Election.Status.PUBLISHED or (
            roles.is_coordinator and election.status == Election.Status.CLOSED
        )
        if show_counts:
            candidates.sort(key=lambda n: (-(n.votes or 0), n.organisation.name))
        represented = roles.represented_organisations
        receipts = {}
        if represented:
            receipts = {
                r.organisation_id: r
                for r in BallotReceipt.objects.filter(
                    election=election, organisation__in=represented
                )
            }
        electorate_ids = set()
        if represented and election.status == Election.Status.VOTING:
            electorate_ids = set(
                election.electorate.filter(organisation__in=represented).values_list(
                    "organisation_id", flat=True
                )
            )
        own = [
            {"organisation": o, "receipt": receipts.get(o.pk), "may_vote": o.pk in electorate_ids}
            for o in represented
        ]
        return super().get_context_data(
            candidates=candidates,
            all_nominations=nominations if roles.is_coordinator else None,
            my_nominations=[
                n for n in nominations if any(o.pk == n.organisation_id for o in represented)
            ],
            show_counts=show_counts,
            turnout=election.receipts.count()
            if roles.is_coordinator and election.status == Election.Status.VOTING
            else None,
            own=own,
            terms=election.terms.select_related("organisation", "seat").prefetch_related(
                _corrections()
            ),
            actions=policies.election_actions(self.request.user, election),
            may_nominate=policies.can_nominate(self.request.user, election),
            may_correct_terms=policies.can_correct_term(self.request.user, None),
            # The phase decides for every nomination of this election alike.
            may_answer=policies.can_answer_nomination(
                self.request.user, Nomination(election=election)
            ),
            **kwargs,
        )


class ElectionCreateView(CoordinatorRequiredMixin, ServiceFormMixin, FormView):
    template_name = "elections/election_form.html"
    form_class = ElectionForm
    success_message = gettext_lazy("Die Wahl wurde als Entwurf angelegt.")

    def perform(self, form):
        return services.create_election(by=self.request.user, **form.cleaned_data)


class ElectionMixin:
    """Looks up the election of the URL among those the user may see."""

    def get_election(self):
        if not hasattr(self, "_election"):
            self._election = get_object_or_404(
                Election.objects.visible_to(self.request.user), pk=self.kwargs["pk"]
            )
        return self._election

    def get_context_data(self, **kwargs):
        return super().get_context_data(election=self.get_election(), **kwargs)


class NominationCreateView(RepresentativeRequiredMixin, ElectionMixin, ServiceFormMixin, FormView):
    template_name = "elections/nomination_form.html"
    form_class = NominationForm

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "represented": get_roles(self.request.user).represented_organisations,
        }

    def perform(self, form):
        try:
            return services.nominate_organisation(
                election=self.get_election(),
                organisation=form.cleaned_data["organisation"],
                nominated_by=form.cleaned_data["nominated_by"],
                by=self.request.user,
            )
        except PermissionDenied as error:
            # Not a representative of the organisation chosen in the form: a form error.
            raise ValidationError(str(error)) from None

    def get_success_message(self, result):
        return _("%(organisation)s ist vorgeschlagen und wird um Zustimmung gebeten.") % {
            "organisation": result.organisation
        }

    def get_success_url(self):
        return self.get_election().get_absolute_url()


class NominationMixin:
    """Nominations of the organisations the user represents; others are 404."""

    def get_nomination(self):
        if not hasattr(self, "_nomination"):
            represented = get_roles(self.request.user).represented_organisations
            self._nomination = get_object_or_404(
                Nomination.objects.select_related("election", "organisation").filter(
                    organisation__in=represented
                ),
                pk=self.kwargs["pk"],
            )
        return self._nomination

    def get_context_data(self, **kwargs):
        return super().get_context_data(nomination=self.get_nomination(), **kwargs)


class NominationAcceptView(
    RepresentativeRequiredMixin, NominationMixin, ServiceFormMixin, FormView
):
    template_name = "elections/nomination_accept.html"
    form_class = NominationAcceptForm
    success_message = gettext_lazy("Ihre Organisation kandidiert.")

    def get_initial(self):
        return {"statement": self.get_nomination().statement}

    def perform(self, form):
        return services.accept_nomination(
            nomination=self.get_nomination(),
            statement=form.cleaned_data["statement"],
            by=self.request.user,
        )

    def get_success_url(self):
        return self.get_nomination().election.get_absolute_url()


class NominationDeclineView(RepresentativeRequiredMixin, NominationMixin, ServiceActionView):
    template_name = "elections/nomination_confirm_decline.html"
    http_method_names = ["get", "post"]
    success_message = gettext_lazy("Sie haben den Vorschlag abgelehnt.")

    def get(self, request, *args, **kwargs):
        return TemplateResponse(request, self.template_name, {"nomination": self.get_nomination()})

    def perform(self):
        return services.decline_nomination(nomination=self.get_nomination(), by=self.request.user)

    def get_success_url(self):
        return self.get_nomination().election.get_absolute_url()


@method_decorator(rate_limit("ballot", limit=10, period=60), name="dispatch")
class BallotView(RepresentativeRequiredMixin, ElectionMixin, FormView):
    template_name = "elections/ballot_form.html"
    form_class = BallotForm

    def voting_organisation(self):
        """The represented organisation this ballot is for (one that has not voted first)."""
        election = self.get_election()
        represented = get_roles(self.request.user).represented_organisations
        electorate = set(
            election.electorate.filter(organisation__in=represented).values_list(
                "organisation_id", flat=True
            )
        )
        eligible = [o for o in represented if o.pk in electorate]
        receipts = {
            r.organisation_id: r
            for r in BallotReceipt.objects.filter(election=election, organisation__in=eligible)
        }
        for organisation in eligible:
            if organisation.pk not in receipts:
                return organisation, None
        if eligible:
            return eligible[0], receipts[eligible[0].pk]
        return None, None

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "election": self.get_election()}

    def get_context_data(self, **kwargs):
        election = self.get_election()
        organisation, receipt = self.voting_organisation()
        candidates = list(election.nominations.accepted().select_related("organisation"))
        # A fresh random order for every voter and every request: no position advantage.
        random.SystemRandom().shuffle(candidates)
        return super().get_context_data(
            organisation=organisation,
            receipt=receipt,
            candidates=candidates,
            selected={str(pk) for pk in self.request.POST.getlist("choices")},
            **kwargs,
        )

    def form_valid(self, form):
        election = self.get_election()
        try:
            services.cast_ballot(
                election=election,
                representative=self.request.user,
                choices=list(form.cleaned_data["choices"]),
                organisation=self.voting_organisation()[0],
            )
        except ValidationError as error:
            _errors(self.request, error)
            return redirect("elections:ballot", pk=election.pk)
        except PermissionDenied as error:
            messages.error(self.request, str(error))
            return redirect("elections:ballot", pk=election.pk)
        messages.success(
            self.request, _("Vielen Dank: Die Stimme Ihrer Organisation ist abgegeben.")
        )
        return redirect(election)


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


class ElectionCorrectionView(CoordinatorRequiredMixin, CorrectionView):
    """A published result's texts corrected with a reason; the original stays visible."""

    correction_fields = ("title", "description", "lot_note")
    policy = policies.can_correct_election
    TEXT_LIMITS = {"title": 200, "description": 5000, "lot_note": 5000}

    def get_record(self):
        return get_object_or_404(Election, pk=self.kwargs["pk"])

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        for name, limit in self.TEXT_LIMITS.items():
            field = form.fields[name]
            field.max_length = limit
            field.validators.append(
                MaxLengthValidator(
                    limit,
                    message=gettext_lazy(
                        "Höchstens %(limit_value)d Zeichen (jetzt %(show_value)d)."
                    ),
                )
            )
        return form


class TermCorrectionView(CoordinatorRequiredMixin, CorrectionView):
    """A term's end corrected with a reason (e.g. the organisation left the network)."""

    correction_fields = ("end",)
    policy = policies.can_correct_term

    def get_record(self):
        return get_object_or_404(
            Term.objects.select_related("organisation", "seat"), pk=self.kwargs["pk"]
        )
