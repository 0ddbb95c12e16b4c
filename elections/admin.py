from django.contrib import admin

from core.admin import HistoryAdmin, PolicyAdminMixin, ReadOnlyAdminMixin
from elections import policies
from elections.forms import ElectionForm
from elections.models import BallotReceipt, Election, Term

# Ballot and BallotChoice are deliberately not registered: nobody, not even the
# coordinators, may look at ballots or count them before the result is published,
# and nobody may change or delete one afterwards.


@admin.register(Election)
class ElectionAdmin(PolicyAdminMixin, HistoryAdmin):
    """Texts and dates of an election under way; a published or cancelled one is final.

    Seats, votes and ties change only through the services (the election pages); the
    model's locked fields become read-only, and only a draft can be deleted.
    """

    # The site's form, so dates changed here obey the same rules as on /wahlen/neu/.
    form = ElectionForm
    change_policy = policies.can_change_election
    delete_policy = policies.can_delete_election
    list_display = ["title", "status", "seats", "is_paper", "created_at"]
    list_filter = ["status", "is_paper"]
    # State, tally and ties change only through the services (the election pages).
    readonly_fields = [
        "status",
        "runoff_of",
        "voting_opened_at",
        "closed_at",
        "published_at",
        "ballots_cast",
        "electorate_size",
        "tie",
        "tie_resolution",
        "lot_note",
        "term_start",
    ]


@admin.register(Term)
class TermAdmin(PolicyAdminMixin, HistoryAdmin):
    """Terms come only from published results and are final: shown, never changed here.

    Their end is corrected on /sprechergruppe/ (a Berichtigung with a reason).
    """

    change_policy = policies.can_change_term
    delete_policy = policies.can_delete_term
    list_display = ["organisation", "seat", "start", "end", "election"]
    list_filter = ["seat"]
    readonly_fields = ["organisation", "seat", "start", "end", "election", "reminder_sent_at"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        # Not even from the list: no term is ever deleted.
        return False


@admin.register(BallotReceipt)
class BallotReceiptAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Who voted; read only and without any way to reach a ballot."""

    list_display = ["election", "organisation", "cast_by_name", "cast_at"]
    list_filter = ["election"]
    readonly_fields = ["election", "organisation", "cast_by", "cast_by_name", "cast_at"]
