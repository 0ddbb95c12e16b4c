"""The ballot page: a representative votes for their organisation."""

import random

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.generic import FormView

from core.ratelimit import rate_limit
from core.roles import RepresentativeRequiredMixin, get_roles
from elections import services
from elections.eligibility import voting_organisation
from elections.forms import BallotForm
from elections.views.common import ElectionMixin, _errors


@method_decorator(rate_limit("ballot", limit=10, period=60), name="dispatch")
class BallotView(RepresentativeRequiredMixin, ElectionMixin, FormView):
    template_name = "elections/ballot_form.html"
    form_class = BallotForm

    def voting_organisation(self):
        """The represented organisation this ballot is for (one that has not voted first)."""
        represented = get_roles(self.request.user).represented_organisations
        return voting_organisation(self.get_election(), represented)

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
