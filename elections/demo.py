"""Demo elections for `seed_demo`: today's speaker group and an election in progress."""

import datetime

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from core.records import correcting
from elections import services
from elections.eligibility import eligible_organisations
from elections.models import Election, term_end
from partners.models import Organisation

PAST_CANDIDATES = [
    ("kulturkiste-bothfeld", 24),
    ("sportfreunde-kleefeld", 19),
    ("seniorennetz-suedstadt", 17),
    ("jugendforum-doehren", 9),
]
OPEN_CANDIDATES = [
    "umweltwerkstatt-misburg",
    "lernpaten-bemerode",
    "kulturkiste-bothfeld",
    "gemeinschaftsgarten-ricklingen",
]
VOTERS = ["familienzentrum-ahlem", "integrationslotsen-stoecken", "lesewelt-mitte"]
PARTNER_SLUG = "nachbarschaftstreff-lindener-eck"
STATEMENT = (
    "Wir möchten die Stimme der Initiativen aus unserem Stadtbezirk in die Sprechergruppe "
    "tragen und die Netzwerktreffen mit vorbereiten."
)


def _representative(organisation, password):
    """The organisation's first representative contact, given a demo account if needed."""
    contact = organisation.contacts.filter(is_representative=True).order_by("pk").first()
    if contact.user is None:
        User = get_user_model()
        user, created = User.objects.get_or_create(
            email=contact.email, defaults={"name": contact.name}
        )
        if created:
            user.set_password(password)
            user.save()
            EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
        contact.user = user
        contact.save(update_fields=["user"])
    return contact.user


def _stand(election, organisation, password):
    user = _representative(organisation, password)
    nomination = services.nominate_organisation(
        election=election, organisation=organisation, nominated_by=organisation, by=user
    )
    services.accept_nomination(nomination=nomination, statement=STATEMENT, by=user)
    return nomination


@transaction.atomic
def seed(*, stdout, password):
    if Election.objects.exists():
        stdout.write("Wahlen: bereits vorhanden, übersprungen.")
        return []
    if not Organisation.objects.filter(slug=PARTNER_SLUG).exists():
        stdout.write("Wahlen: keine Demo-Partner, übersprungen.")
        return []
    coordinator = get_user_model().objects.get(email="koordination@example.org")
    organisations = {o.slug: o for o in Organisation.objects.all()}
    today = timezone.localdate()
    # Today's terms began about two years ago and end in 60 days: time to prepare the next.
    start = today - (term_end(today) - today) + datetime.timedelta(days=60)

    past = services.create_election(
        by=coordinator,
        title=f"Wahl der Sprechergruppe {start.year}",
        description="Gewählt auf Papier beim Netzwerktreffen.",
        is_paper=True,
    )
    services.open_nominations(election=past, by=coordinator)
    votes = {}
    for slug, count in PAST_CANDIDATES:
        votes[_stand(past, organisations[slug], password).pk] = count
    electorate = eligible_organisations(past).count()
    services.enter_paper_result(
        election=past, ballots=min(31, electorate), votes=votes, by=coordinator
    )
    # The demo's past election was held two weeks before its terms began: its dates are
    # set back as a seed's bookkeeping (no user path changes them).
    held = timezone.now() - (today - start) - datetime.timedelta(days=14)
    past.created_at, past.closed_at = held - datetime.timedelta(days=60), held
    with correcting(past):
        past.save(update_fields=["created_at", "closed_at"])
    services.publish_result(election=past, start=start, by=coordinator)
    past.refresh_from_db()
    past.published_at = held
    with correcting(past):
        past.save(update_fields=["published_at"])

    current = services.create_election(
        by=coordinator,
        title=f"Wahl der Sprechergruppe {term_end(start).year}",
        description="Zwei der gewählten Sitze werden neu besetzt. Jede Partnerorganisation hat eine Stimme.",
        # Two seats: open elections together elect at most three, so one seat stays
        # free for a by-election (seed_scale and the voting benchmark hold theirs).
        seats=2,
        nominations_until=today - datetime.timedelta(days=7),
        voting_until=today + datetime.timedelta(days=21),
    )
    services.open_nominations(election=current, by=coordinator)
    for slug in OPEN_CANDIDATES:
        _stand(current, organisations[slug], password)
    services.open_voting(election=current, by=coordinator)
    candidates = list(current.nominations.accepted().order_by("pk"))
    for index, slug in enumerate(VOTERS):
        services.cast_ballot(
            election=current,
            representative=_representative(organisations[slug], password),
            choices=[n.pk for n in candidates[index : index + 2]],
        )
    stdout.write("Wahlen: eine veröffentlichte und eine laufende Wahl angelegt.")
    return []
