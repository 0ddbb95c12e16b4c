"""An election's pages: the list, the election itself, a new one, and a correction."""

from functools import partial

from django.core.validators import MaxLengthValidator
from django.db.models import Count, Q, prefetch_related_objects
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy
from django.views.generic import DetailView, FormView, ListView

from core.actions import CorrectionView, ServiceFormMixin
from core.compiled import CompiledQuery
from core.fragments import later, visitor_variant
from core.pagecache import cache_public_page
from core.roles import CoordinatorRequiredMixin, get_roles
from elections import policies, services
from elections.eligibility import eligible_ids_among
from elections.forms import ElectionForm
from elections.models import BallotReceipt, Election, Nomination
from elections.views.common import _corrections


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


_visible_to_all = CompiledQuery(
    lambda pk: Election.objects.visible_to(None).select_related("runoff_of").filter(pk=pk)
)


@method_decorator(cache_public_page, name="dispatch")
class ElectionDetailView(DetailView):
    # What the page shows of the election, read only when its fragment is rendered
    # afresh (core/fragments.py): for visitors it is found in the cache.
    DETAILS = (
        "candidates",
        "all_nominations",
        "my_nominations",
        "show_counts",
        "turnout",
        "own",
        "terms",
        "actions",
        "may_nominate",
        "may_correct_terms",
        "may_answer",
    )

    def get_queryset(self):
        return Election.objects.visible_to(self.request.user).select_related("runoff_of")

    def get_object(self, queryset=None):
        if get_roles(self.request.user).is_coordinator:
            return super().get_object(queryset)
        # What everyone else sees of an election: its one query compiled once.
        found = _visible_to_all(self.kwargs["pk"])
        if not found:
            raise Http404
        return found[0]

    def get_context_data(self, **kwargs):
        details = later(self.details)
        return super().get_context_data(
            **{name: later(partial(lambda name: details()[name], name)) for name in self.DETAILS},
            fragment_variant=visitor_variant(self.request),
            **kwargs,
        )

    def details(self):
        election = self.object
        prefetch_related_objects([election], _corrections())
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
            electorate_ids = eligible_ids_among(election, represented)
        own = [
            {"organisation": o, "receipt": receipts.get(o.pk), "may_vote": o.pk in electorate_ids}
            for o in represented
        ]
        return {
            "candidates": candidates,
            "all_nominations": nominations if roles.is_coordinator else None,
            "my_nominations": [
                n for n in nominations if any(o.pk == n.organisation_id for o in represented)
            ],
            "show_counts": show_counts,
            "turnout": election.receipts.count()
            if roles.is_coordinator and election.status == Election.Status.VOTING
            else None,
            "own": own,
            "terms": list(
                election.terms.select_related("organisation", "seat").prefetch_related(
                    _corrections()
                )
            ),
            "actions": policies.election_actions(self.request.user, election),
            "may_nominate": policies.can_nominate(self.request.user, election),
            "may_correct_terms": policies.can_correct_term(self.request.user, None),
            # The phase decides for every nomination of this election alike.
            "may_answer": policies.can_answer_nomination(
                self.request.user, Nomination(election=election)
            ),
        }


class ElectionCreateView(CoordinatorRequiredMixin, ServiceFormMixin, FormView):
    template_name = "elections/election_form.html"
    form_class = ElectionForm
    success_message = gettext_lazy("Die Wahl wurde als Entwurf angelegt.")

    def perform(self, form):
        return services.create_election(by=self.request.user, **form.cleaned_data)


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
