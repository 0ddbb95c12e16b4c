"""What the election pages share: messages from errors, corrections, the URL's election."""

from django.contrib import messages
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404

from core.models import Correction
from elections.models import Election


def _errors(request, error):
    for message in error.messages:
        messages.error(request, message)


def _corrections():
    """Prefetch a record's corrections with what the corrections template shows."""
    return Prefetch(
        "corrections",
        queryset=Correction.objects.select_related("corrected_by", "content_type"),
    )


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
