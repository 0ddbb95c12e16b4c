"""The speaker group's page: today's composition, and a term's correction."""

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.views.generic import TemplateView

from core.actions import CorrectionView
from core.fragments import later, visitor_variant
from core.pagecache import cache_public_page
from core.roles import CoordinatorRequiredMixin
from elections import policies
from elections.models import Term
from elections.views.common import _corrections
from partners.models import Contact, Organisation


@method_decorator(cache_public_page, name="dispatch")
class SpeakerGroupView(TemplateView):
    template_name = "elections/speaker_group.html"

    def get_context_data(self, **kwargs):
        # Everything below is built and read only when the page's fragment is rendered
        # afresh (core/fragments.py): building the querysets costs more than finding it.
        public_contacts = Prefetch(
            "contacts", queryset=Contact.objects.public(), to_attr="public_contacts"
        )

        def coordinating():
            return list(
                Organisation.objects.active().coordinating().prefetch_related(public_contacts)
            )

        def current():
            return list(
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

        def compositions():
            past = (
                Term.objects.past()
                .select_related("organisation", "seat", "election")
                .prefetch_related(_corrections())
            )
            by_term = {}
            for term in past.order_by("-start", "seat__number"):
                by_term.setdefault((term.start, term.end), []).append(term)
            return [
                {"start": start, "end": end, "terms": terms}
                for (start, end), terms in by_term.items()
            ]

        return super().get_context_data(
            may_correct_terms=policies.can_correct_term(self.request.user, None),
            coordinating=later(coordinating),
            current_terms=later(current),
            compositions=later(compositions),
            fragment_variant=visitor_variant(self.request),
            today=timezone.localdate().isoformat(),
            **kwargs,
        )


class TermCorrectionView(CoordinatorRequiredMixin, CorrectionView):
    """A term's end corrected with a reason (e.g. the organisation left the network)."""

    correction_fields = ("end",)
    policy = policies.can_correct_term

    def get_record(self):
        return get_object_or_404(
            Term.objects.select_related("organisation", "seat"), pk=self.kwargs["pk"]
        )
