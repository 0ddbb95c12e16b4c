import datetime

from core.services import record_correction
from elections import services
from tests.elections.factories import (
    candidate,
    election_with_candidates,
    published_election,
    representative_of,
)
from tests.factories import OrganisationFactory
from tests.matrix import COORDINATORS, PUBLIC, REPRESENTATIVES, Row, expect

# Only the nominee's representatives answer a nomination; other representatives get 404.
NOMINEE = expect(302, 403, 403, 200, 404, 403)
COORDINATORS_ONLY_SEE_DRAFTS = expect(404, 404, 404, 404, 404, 200)

ROWS = [
    Row("elections:speaker_group", PUBLIC),
    Row("elections:list", PUBLIC),
    Row("elections:detail", PUBLIC, kwargs=lambda w: {"pk": w.voting_election.pk}),
    Row(
        "elections:detail",
        COORDINATORS_ONLY_SEE_DRAFTS,
        kwargs=lambda w: {"pk": w.draft_election.pk},
        note="drafts are invisible to all but coordinators",
    ),
    Row("elections:create", COORDINATORS),
    Row("elections:nominate", REPRESENTATIVES, kwargs=lambda w: {"pk": w.nominations_election.pk}),
    Row("elections:ballot", REPRESENTATIVES, kwargs=lambda w: {"pk": w.voting_election.pk}),
    Row(
        "elections:ballot",
        expect(302, 403, 403, 302, 302, 403),
        kwargs=lambda w: {"pk": w.voting_election.pk},
        method="post",
        data={},
        note="an empty ballot is a counted abstention; voting redirects to the election",
    ),
    Row("elections:open_nominations", COORDINATORS, kwargs=lambda w: {"pk": w.draft_election.pk}),
    Row("elections:open_voting", COORDINATORS, kwargs=lambda w: {"pk": w.nominations_election.pk}),
    Row(
        "elections:open_voting",
        expect(302, 403, 403, 403, 403, 302),
        kwargs=lambda w: {"pk": w.nominations_election.pk},
        method="post",
        note="a paper election refuses online voting: back to its page with the reason",
    ),
    Row("elections:close", COORDINATORS, kwargs=lambda w: {"pk": w.voting_election.pk}),
    Row("elections:cancel", COORDINATORS, kwargs=lambda w: {"pk": w.voting_election.pk}),
    Row("elections:runoff", COORDINATORS, kwargs=lambda w: {"pk": w.voting_election.pk}),
    Row("elections:lot", COORDINATORS, kwargs=lambda w: {"pk": w.voting_election.pk}),
    Row("elections:paper_result", COORDINATORS, kwargs=lambda w: {"pk": w.paper_election.pk}),
    Row("elections:publish", COORDINATORS, kwargs=lambda w: {"pk": w.voting_election.pk}),
    Row("elections:nomination_accept", NOMINEE, kwargs=lambda w: {"pk": w.nomination.pk}),
    Row("elections:nomination_decline", NOMINEE, kwargs=lambda w: {"pk": w.nomination.pk}),
    Row("elections:correct", COORDINATORS, kwargs=lambda w: {"pk": w.published_election.pk}),
    Row("elections:term_correct", COORDINATORS, kwargs=lambda w: {"pk": w.term.pk}),
]


def build(world):
    coordinator = world.users["coordinator"]
    # A published election first, so the admin's first Election, Term and receipt exist.
    seated = OrganisationFactory(name="Initiative mit Sitz", slug="initiative-mit-sitz")
    world.published_election = published_election(
        coordinator, [(seated, representative_of(seated))], seats=1, title="Frühere Wahl"
    )
    world.term = world.published_election.terms.get()
    # A corrected term end (Berichtigung): the speaker-group page shows it.
    world.term_correction = record_correction(
        record=world.term,
        changes={"end": world.term.end - datetime.timedelta(days=1)},
        reason="Berichtigung für die Matrix",
        by=coordinator,
    )
    # Open elections together elect at most the three seats: one seat each here.
    world.voting_election = election_with_candidates(
        coordinator, [candidate("Kandidatin Nord"), candidate("Kandidatin Süd")], seats=1
    )
    other = OrganisationFactory(name="Initiative Wähler", slug="initiative-waehler")
    services.open_voting(election=world.voting_election, by=coordinator)
    world.voting_election.refresh_from_db()
    services.cast_ballot(
        election=world.voting_election, representative=representative_of(other), choices=[]
    )
    # Nominations are open; it is held on paper, so it is also the paper election.
    world.nominations_election = election_with_candidates(
        coordinator,
        [candidate("Kandidatin West")],
        title="Offene Vorschläge",
        seats=1,
        is_paper=True,
    )
    # The partner organisation (of the representative role) is nominated, not yet answered.
    world.nomination = services.nominate_organisation(
        election=world.nominations_election,
        organisation=world.partner_org,
        nominated_by=world.partner_org,
        by=representative_of(world.partner_org, "andere-vertretung@example.org"),
    )
    world.paper_election = world.nominations_election
    world.draft_election = services.create_election(by=coordinator, title="Entwurf")


# Terms come only from published results; receipts are an immutable record of who voted.
# Published elections and terms are final: nobody deletes them, not even in the admin.
ADMIN_REFUSED = {
    "admin:elections_election_delete",
    "admin:elections_term_delete",
    "admin:elections_term_add",
    # Corrections are only written by record_correction and never deleted (netzwerk's
    # CorrectionAdmin); the world's first Correction is this app's term correction.
    "admin:netzwerk_correction_add",
    "admin:netzwerk_correction_delete",
    "admin:elections_ballotreceipt_add",
    "admin:elections_ballotreceipt_delete",
}
