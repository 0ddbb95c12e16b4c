from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from elections.forms import ElectionForm
from elections.models import BallotReceipt, Election, Term

# Ballot and BallotChoice are deliberately not registered: nobody, not even the
# coordinators, may look at ballots or count them before the result is published.


@admin.register(Election)
class ElectionAdmin(SimpleHistoryAdmin):
    # The site's form, so dates changed here obey the same rules as on /wahlen/neu/.
    form = ElectionForm
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

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if obj is not None and obj.status != Election.Status.DRAFT:
            fields += ["seats", "coordinators_vote", "is_paper"]
        return fields


@admin.register(Term)
class TermAdmin(SimpleHistoryAdmin):
    list_display = ["organisation", "seat", "start", "end", "election"]
    list_filter = ["seat"]
    readonly_fields = ["organisation", "seat", "start", "end", "election"]

    def has_add_permission(self, request):
        return False


@admin.register(BallotReceipt)
class BallotReceiptAdmin(admin.ModelAdmin):
    """Who voted; read only and without any way to reach a ballot."""

    list_display = ["election", "organisation", "cast_by_name", "cast_at"]
    list_filter = ["election"]
    readonly_fields = ["election", "organisation", "cast_by", "cast_by_name", "cast_at"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
