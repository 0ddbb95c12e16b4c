"""Concurrent voting, part of `make bench`: the evening before an election closes.

Against the benchmark's PostgreSQL database (with `seed_scale` data) it opens an
election whose electorate is every active partner, then lets the representatives
of 1,000 organisations cast their ballots at once through the real
`elections.services.cast_ballot`, from forked processes whose threads each hold
their own database connection. A second wave from the same organisations must add nothing.
Finally the tally (`close_voting`) of the 1,000 ballots is timed.

Prints a JSON line with the figures as its last line; exits non-zero when a
target is missed (exactly 1,000 ballots and receipts, < 10 s, tally < 1 s).

Usage: DATABASE_URL=postgres://… python tools/bench_voting.py [--voters 1000] [--processes 4] [--threads 8]
"""

import argparse
import json
import os
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def setup_django():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "netzwerk.settings")
    os.environ.setdefault(
        "DATABASE_URL", "postgres://netzwerk:netzwerk@127.0.0.1:5432/netzwerk_bench"
    )
    import django

    django.setup()
    from django.conf import settings

    # Ballots send no mail, but keep any notice of the setup in memory.
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


def prepare_election(voters):
    """An election in voting whose electorate has at least `voters` organisations."""
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from elections import services
    from partners.models import Contact, Organisation

    coordinator = get_user_model().objects.get(email="koordination@example.org")
    contacts = list(
        Contact.objects.filter(
            user__isnull=False,
            is_representative=True,
            organisation__status=Organisation.Status.ACTIVE,
            organisation__is_coordinating=False,
        )
        .select_related("organisation", "user")
        .order_by("organisation_id", "pk")
    )
    seen, pairs = set(), []
    for contact in contacts:
        if contact.organisation_id not in seen:
            seen.add(contact.organisation_id)
            pairs.append((contact.organisation, contact.user))
    if len(pairs) < voters + 3:
        sys.exit(f"Only {len(pairs)} organisations with a representative: run seed_scale first.")
    candidates, pairs = pairs[:3], pairs[3 : voters + 3]
    # One seat: the demo's open election holds two of the three seats.
    election = services.create_election(
        by=coordinator, title=f"Benchmark-Wahl {timezone.now():%Y-%m-%d %H:%M:%S}", seats=1
    )
    services.open_nominations(election=election, by=coordinator)
    nominations = []
    for organisation, user in candidates:
        nomination = services.nominate_organisation(
            election=election, organisation=organisation, nominated_by=organisation, by=user
        )
        services.accept_nomination(nomination=nomination, statement="Bench", by=user)
        nominations.append(nomination.pk)
    election = services.open_voting(election=election, by=coordinator)
    return coordinator, election, nominations, pairs


_shared = {}


def _vote_chunk(index):
    """Run in a forked worker: its threads cast the ballots of its share of the pairs."""
    from django.core.exceptions import PermissionDenied, ValidationError
    from django.db import connection

    from elections import services

    election, nominations = _shared["election"], _shared["nominations"]
    chunks = _shared["chunks"][index]
    counts = {"accepted": 0, "refused": 0, "errors": []}
    lock = threading.Lock()

    def voter(chunk):
        try:
            connection.ensure_connection()
            _shared["barrier"].wait()
            with lock:
                counts.setdefault("started", time.time())
            for position, (organisation, user) in enumerate(chunk):
                choice = nominations[(organisation.pk + position) % len(nominations)]
                try:
                    services.cast_ballot(
                        election=election,
                        representative=user,
                        organisation=organisation,
                        choices=[choice],
                    )
                    outcome = "accepted"
                except (ValidationError, PermissionDenied):
                    outcome = "refused"
                with lock:
                    counts[outcome] += 1
        except Exception as error:  # noqa: BLE001 - reported in the figures
            with lock:
                counts["errors"].append(repr(error))
        finally:
            connection.close()

    threads = [threading.Thread(target=voter, args=(chunk,)) for chunk in chunks]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    counts["finished"] = time.time()
    return counts


def wave(election, nominations, pairs, processes, threads):
    """Every pair casts its ballot at once from processes × threads, each thread with
    its own connection; returns the counts and the seconds from start to last ballot."""
    import multiprocessing

    from django.db import connections

    context = multiprocessing.get_context("fork")
    workers = processes * threads
    slices = [pairs[i::workers] for i in range(workers)]
    _shared.update(
        election=election,
        nominations=nominations,
        chunks=[slices[p * threads : (p + 1) * threads] for p in range(processes)],
        barrier=context.Barrier(workers),
    )
    connections.close_all()  # children must not share the parent's connection
    with context.Pool(processes) as pool:
        results = pool.map(_vote_chunk, range(processes))
    started = min(r.get("started", r["finished"]) for r in results)
    counts = {
        "accepted": sum(r["accepted"] for r in results),
        "refused": sum(r["refused"] for r in results),
        "errors": [e for r in results for e in r["errors"]],
    }
    return counts, max(r["finished"] for r in results) - started


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--voters", type=int, default=1000)
    parser.add_argument("--processes", type=int, default=4)
    parser.add_argument("--threads", type=int, default=8, help="per process")
    args = parser.parse_args()
    setup_django()
    from django.db import connection

    from elections import services
    from elections.models import Ballot, BallotChoice, BallotReceipt, Election

    coordinator, election, nominations, pairs = prepare_election(args.voters)
    connection.close()
    first, first_seconds = wave(election, nominations, pairs, args.processes, args.threads)
    second, second_seconds = wave(election, nominations, pairs, args.processes, args.threads)
    ballots = Ballot.objects.filter(election=election).count()
    receipts = BallotReceipt.objects.filter(election=election).count()

    started = time.monotonic()
    services.close_voting(election=election, by=coordinator)
    tally_seconds = time.monotonic() - started
    election = Election.objects.get(pk=election.pk)
    votes = sum(election.nominations.values_list("votes", flat=True))

    figures = {
        "election": election.pk,
        "electorate": election.electorate_size,
        "voters": len(pairs),
        "processes": args.processes,
        "threads_per_process": args.threads,
        "first_wave_accepted": first["accepted"],
        "first_wave_refused": first["refused"],
        "first_wave_s": round(first_seconds, 3),
        "second_wave_accepted": second["accepted"],
        "second_wave_refused": second["refused"],
        "second_wave_s": round(second_seconds, 3),
        "ballots": ballots,
        "receipts": receipts,
        "ballot_choices": BallotChoice.objects.filter(ballot__election=election).count(),
        "ballots_cast_in_tally": election.ballots_cast,
        "votes_counted": votes,
        "tally_s": round(tally_seconds, 3),
        "errors": first["errors"] + second["errors"],
    }
    figures["ok"] = (
        ballots == receipts == len(pairs) == election.ballots_cast == votes
        and first["accepted"] == len(pairs)
        and second["accepted"] == 0
        and second["refused"] == len(pairs)
        and first_seconds < 10
        and tally_seconds < 1
        and not figures["errors"]
    )
    print(json.dumps(figures))
    return 0 if figures["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
