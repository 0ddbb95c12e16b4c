"""Scale elections: 50 counted elections with four candidates and their ballots."""

from django.db import transaction

from elections import services
from elections.models import Election
from netzwerk.management.commands._scale.partners import representatives


def elections(seed, count):
    marker = "Skalierungswahl"
    existing = Election.objects.filter(title__startswith=marker).count()
    pairs = representatives(60)
    candidates, voters = pairs[:4], pairs[4:]
    made = 0
    for number in range(existing, count):
        with transaction.atomic():
            # One seat: the demo's open election holds two of the three, and
            # each of these is counted before the next one opens.
            election = services.create_election(
                by=seed.coordinator, title=f"{marker} {number + 1:02d}", seats=1
            )
            services.open_nominations(election=election, by=seed.coordinator)
            nominations = []
            for organisation, user in candidates:
                nomination = services.nominate_organisation(
                    election=election,
                    organisation=organisation,
                    nominated_by=organisation,
                    by=user,
                )
                services.accept_nomination(
                    nomination=nomination, statement="Wir stehen zur Wahl.", by=user
                )
                nominations.append(nomination)
            services.open_voting(election=election, by=seed.coordinator)
            for index, (organisation, user) in enumerate(voters):
                services.cast_ballot(
                    election=election,
                    representative=user,
                    organisation=organisation,
                    choices=[nominations[index % 4].pk],
                )
            services.close_voting(election=election, by=seed.coordinator)
        made += 1
    return made
