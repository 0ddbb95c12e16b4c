"""Many organisations vote at once: each is counted exactly once (a small `make bench` run).

tests/elections covers several representatives of ONE organisation racing; this
covers many organisations voting together, each twice in the same wave, and a
second wave that must add nothing. Row locks need PostgreSQL; CI runs it there.
"""

import contextlib
import json
import os
import re
import socket
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from http.client import HTTPConnection
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

from elections import services
from elections.models import Ballot, BallotChoice, BallotReceipt, Election
from tests.elections.factories import candidate, representative_of, voting_election
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db(transaction=True)

ROOT = Path(__file__).resolve().parent.parent
ORGANISATIONS = 30
THREADS = 8


def _wave(election, attempts, choice):
    """Every (organisation, user) attempt at once from THREADS threads; returns the outcomes."""
    outcomes = []
    lock = threading.Lock()
    barrier = threading.Barrier(THREADS)
    chunks = [attempts[i::THREADS] for i in range(THREADS)]

    def run(chunk):
        try:
            barrier.wait()
            for organisation, user in chunk:
                try:
                    services.cast_ballot(
                        election=Election.objects.get(pk=election.pk),
                        representative=user,
                        organisation=organisation,
                        choices=[choice],
                    )
                    outcome = "ok"
                except ValidationError as error:
                    outcome = error.messages[0]
                with lock:
                    outcomes.append(outcome)
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        list(pool.map(run, chunks))
    return outcomes


def test_many_organisations_voting_at_once_are_each_counted_exactly_once(coordinator):
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL; CI runs this test there")
    candidates = [candidate(f"Kandidatur {n} e. V.") for n in range(2)]
    voters = []
    for number in range(ORGANISATIONS):
        organisation = OrganisationFactory(name=f"Wählende Organisation {number:02d}")
        voters.append((organisation, representative_of(organisation)))
    election = voting_election(coordinator, candidates)
    choice = election.nominations.accepted().order_by("pk").first().pk

    # Each organisation submits twice in the same wave, from different threads.
    first = _wave(election, voters + voters[::-1], choice)
    assert first.count("ok") == ORGANISATIONS
    assert first.count("Ihre Organisation hat bereits abgestimmt.") == ORGANISATIONS

    second = _wave(election, voters, choice)
    assert second == ["Ihre Organisation hat bereits abgestimmt."] * ORGANISATIONS

    assert BallotReceipt.objects.filter(election=election).count() == ORGANISATIONS
    assert Ballot.objects.filter(election=election).count() == ORGANISATIONS
    assert BallotChoice.objects.filter(ballot__election=election).count() == ORGANISATIONS
    closed = services.close_voting(election=election, by=coordinator)
    assert closed.ballots_cast == ORGANISATIONS
    assert closed.nominations.get(pk=choice).votes == ORGANISATIONS


# --- Simultaneous ballot POSTs of ONE organisation, through HTTP, with production settings.
#
# The app runs as in production — gunicorn with several worker processes and
# threads, DEBUG off — against a database file (SQLite) or the test database
# (PostgreSQL). Eight representatives of one organisation press "vote" at once.

SIMULTANEOUS = 8
SETUP = """
import json
from django.core.management import call_command
from django.test import Client
from core.roles import make_coordinator
from tests.elections.factories import candidate, representative_of, voting_election
from tests.factories import OrganisationFactory, UserFactory, give_second_factor

if MIGRATE:
    call_command("migrate", verbosity=0)
coordinator = UserFactory(email="koordination@gleichzeitig.example.org")
make_coordinator(coordinator)
give_second_factor(coordinator)  # coordinators hold their powers with a second factor
organisation = OrganisationFactory(name="Gleichzeitig e. V.")
representatives = [
    representative_of(organisation, email=f"vertretung{n}@gleichzeitig.example.org")
    for n in range(SIMULTANEOUS)
]
election = voting_election(
    coordinator, [candidate("Kandidatur A e. V."), candidate("Kandidatur B e. V.")]
)
sessions = []
for user in representatives:
    client = Client()
    client.force_login(user)
    sessions.append(client.cookies["sessionid"].value)
print(json.dumps({
    "election": election.pk,
    "choice": election.nominations.accepted().order_by("pk").first().pk,
    "sessions": sessions,
}))
"""
COUNT = """
import json
from elections.models import Ballot, BallotReceipt
print(json.dumps([Ballot.objects.count(), BallotReceipt.objects.count()]))
"""


def _database_url(tmp_path):
    if connection.vendor == "sqlite":
        return f"sqlite:///{tmp_path / 'db.sqlite3'}"
    db = connection.settings_dict
    return (
        f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST'] or '127.0.0.1'}:"
        f"{db['PORT'] or 5432}/{db['NAME']}"
    )


def _manage(env, *args):
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


class Browser:
    """One representative's browser: keeps its cookies (Secure ones too: plain HTTP here)."""

    def __init__(self, port, session):
        self.port = port
        self.cookies = {"sessionid": session}

    def request(self, method, path, data=None):
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        body = None
        if data is not None:
            body = urlencode(data, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        http = HTTPConnection("127.0.0.1", self.port, timeout=120)
        try:
            http.request(method, path, body=body, headers=headers)
            response = http.getresponse()
            text = response.read().decode()
        finally:
            http.close()
        for header in response.headers.get_all("Set-Cookie") or []:
            cookie = SimpleCookie()
            cookie.load(header)
            for name, morsel in cookie.items():
                if morsel.value and morsel["max-age"] != "0":
                    self.cookies[name] = morsel.value
                else:
                    self.cookies.pop(name, None)
        return response.status, response.headers.get("Location"), text


@pytest.fixture
def production_server(request, tmp_path):
    """gunicorn with 4 workers × 2 threads and production settings; yields (port, env)."""
    if connection.vendor == "postgresql":
        request.getfixturevalue("transactional_db")
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DEBUG", "CACHE_URL", "REDIS_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    env.update(
        DATABASE_URL=_database_url(tmp_path),
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="false",
        STATIC_ROOT=str(tmp_path / "static"),
        CACHE_DIR=str(tmp_path / "cache"),
        PYTHONPATH=str(ROOT),
    )
    _manage(env, "collectstatic", "--no-input", "-v0")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    log = (tmp_path / "gunicorn.log").open("w")
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "netzwerk.wsgi", "--workers", "4", "--threads", "2"]
        + ["--bind", f"127.0.0.1:{port}", "--timeout", "120"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        yield port, env
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()


def test_simultaneous_ballots_of_one_organisation_give_one_ballot_and_no_error(
    production_server, tmp_path
):
    port, env = production_server
    code = f"MIGRATE = {connection.vendor == 'sqlite'}\nSIMULTANEOUS = {SIMULTANEOUS}\n" + SETUP
    setup = json.loads(_manage(env, "shell", "--no-imports", "-c", code).strip().splitlines()[-1])
    url = f"/wahlen/{setup['election']}/stimmzettel/"
    browsers = [Browser(port, session) for session in setup["sessions"]]
    for _attempt in range(100):  # gunicorn starts its workers
        with contextlib.suppress(OSError):
            if browsers[0].request("GET", "/health/")[0] == 200:
                break
        time.sleep(0.2)
    forms = []
    for browser in browsers:
        status, _location, page = browser.request("GET", url)
        assert status == 200, page[:500]
        forms.append(re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1))

    barrier = threading.Barrier(SIMULTANEOUS)

    def vote(browser, token):
        barrier.wait()
        status, location, page = browser.request(
            "POST", url, {"csrfmiddlewaretoken": token, "choices": [setup["choice"]]}
        )
        if status != 302:
            return status, page[:300]
        return status, browser.request("GET", location)[2]

    with ThreadPoolExecutor(max_workers=SIMULTANEOUS) as pool:
        outcomes = list(pool.map(vote, browsers, forms))

    log = (tmp_path / "gunicorn.log").read_text()
    assert [status for status, _page in outcomes] == [302] * SIMULTANEOUS, (outcomes, log)
    accepted = [page for _status, page in outcomes if "Die Stimme Ihrer Organisation ist" in page]
    refused = [page for _status, page in outcomes if "bereits abgestimmt" in page]
    assert (len(accepted), len(refused)) == (1, SIMULTANEOUS - 1)
    count = json.loads(_manage(env, "shell", "--no-imports", "-c", COUNT).strip().splitlines()[-1])
    assert count == [1, 1]  # one ballot, one receipt
