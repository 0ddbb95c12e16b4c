import io
import os
import shutil
from types import SimpleNamespace

import pytest
from django.test import Client

from core.roles import make_coordinator
from tests.factories import ContactFactory, OrganisationFactory, UserFactory, give_second_factor

ROLES = ["anonymous", "stranger", "partner_contact", "representative", "speaker", "coordinator"]
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    # Tests write without committing (each rolls back), so no write would reach a
    # cached page; tests/test_pagecache.py switches the page cache on and commits.
    settings.PAGE_CACHE = False
    # Tasks run in the request, for real; tests of the worker switch to the database.
    settings.TASKS = {
        "default": {
            "BACKEND": "django.tasks.backends.immediate.ImmediateBackend",
            "QUEUES": ["default", "mail"],
        },
        "database": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default", "mail"]},
    }


@pytest.fixture
def django_capture_on_commit_callbacks(django_capture_on_commit_callbacks):
    """pytest-django's, run as a commit would: the page cache's and the fragments'
    generations wait for one callback per transaction (core/commit.py), and the test's
    own transaction, whose callbacks from earlier writes never run, never commits."""
    from contextlib import contextmanager

    from core import commit

    @contextmanager
    def capture(*args, **kwargs):
        commit.forget_pending()
        with django_capture_on_commit_callbacks(*args, **kwargs) as callbacks:
            yield callbacks

    return capture


@pytest.fixture(autouse=True)
def _rows_from_data_migrations(request):
    """Make sure the rows every install gets from data migrations are there.

    Transactional tests (live_server, threads, the mail worker) empty the database
    afterwards, and `serialized_rollback` did not reliably bring the rows back in
    full runs; so the data migrations' own functions put them back when missing.
    """
    uses_db = request.node.get_closest_marker("django_db") or {
        "db",
        "transactional_db",
        "live_server",
    } & set(request.fixturenames)
    if not uses_db:
        return
    request.getfixturevalue(
        "transactional_db"
        if "live_server" in request.fixturenames
        or "transactional_db" in request.fixturenames
        or getattr(request.node.get_closest_marker("django_db"), "kwargs", {}).get("transaction")
        else "db"
    )
    _restore_data_migration_rows()


def _restore_data_migration_rows():
    from core import registry

    for restore in registry.providers("initial_rows"):
        restore()


@pytest.fixture(scope="module")
def demo_network(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo network (`seed_demo`), seeded once for the module's tests.

    It lives in a transaction around the module: each test's own transaction is a
    savepoint inside it, and at the end of the module everything is rolled back. The
    users to log in as are `demo_network.users` (tests/demo_sweep.py's VISITORS); a
    test sets `settings.MEDIA_ROOT = demo_network.media_root` to see the demo's files.
    """
    yield from _seeded_demo(django_db_blocker, tmp_path_factory, network="hannover")


@pytest.fixture(scope="module")
def other_demo_network(django_db_setup, django_db_blocker, tmp_path_factory):
    """The second demo network (`seed_demo --network=musterstadt`), like `demo_network`.

    Its `mails` are every message the seeding sent (rendered when the seeding's
    transaction would have committed, delivered by the immediate task backend).
    """
    yield from _seeded_demo(
        django_db_blocker, tmp_path_factory, network="musterstadt", capture_mails=True
    )


def _seeded_demo(django_db_blocker, tmp_path_factory, *, network, capture_mails=False):
    import contextlib

    from django.contrib.auth import get_user_model
    from django.core import mail
    from django.core.cache import cache
    from django.core.management import call_command
    from django.db import transaction
    from django.test import TestCase
    from django.test.utils import override_settings

    from tests.demo_sweep import VISITORS

    media_root = tmp_path_factory.mktemp("demo-media")
    overrides = {}
    if capture_mails:
        overrides = {
            "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
            "TASKS": {
                "default": {
                    "BACKEND": "django.tasks.backends.immediate.ImmediateBackend",
                    "QUEUES": ["default", "mail"],
                }
            },
        }
    with (
        django_db_blocker.unblock(),
        override_settings(
            MEDIA_ROOT=media_root,
            PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
            PAGE_CACHE=False,
            **overrides,
        ),
        transaction.atomic(),
    ):
        _restore_data_migration_rows()
        mail.outbox = []
        # The mails are rendered on commit: run those callbacks as a commit would.
        capture = (
            TestCase.captureOnCommitCallbacks(execute=True)
            if capture_mails
            else contextlib.nullcontext()
        )
        with capture:
            call_command("seed_demo", force=True, network=network, stdout=io.StringIO())
        mails = list(mail.outbox)
        UserFactory(email=VISITORS["stranger"], name="Gabi Gast")
        users = {
            visitor: get_user_model().objects.get(email=email) if email else None
            for visitor, email in VISITORS.items()
        }
        give_second_factor(users["coordinator"])
        cache.clear()
        yield SimpleNamespace(users=users, media_root=media_root, mails=mails, network=network)
        transaction.set_rollback(True)
    # The network's settings were cached while seeding; the rollback undid them.
    cache.clear()


@pytest.fixture(autouse=True)
def _clear_cache():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def partner_org(db):
    return OrganisationFactory(name="Nachbarschaft Linden", slug="nachbarschaft-linden")


@pytest.fixture
def coordinating_org(db):
    return OrganisationFactory(
        name="Freiwilligenzentrum Hannover",
        slug="freiwilligenzentrum-hannover",
        is_coordinating=True,
    )


@pytest.fixture
def anonymous(db):
    return None


@pytest.fixture
def stranger(db):
    return UserFactory(email="stranger@example.org", name="Stella Fremd")


@pytest.fixture
def partner_contact(partner_org):
    user = UserFactory(email="contact@example.org", name="Carla Kontakt")
    ContactFactory(organisation=partner_org, user=user, is_representative=False)
    return user


@pytest.fixture
def representative(partner_org):
    user = UserFactory(email="vertretung@example.org", name="Rita Vertretung")
    ContactFactory(organisation=partner_org, user=user, is_representative=True)
    return user


@pytest.fixture
def speaker(coordinating_org):
    """A contact of a coordinating organisation: in the speaker group ex officio."""
    user = UserFactory(email="sprecher@example.org", name="Sven Sprecher")
    ContactFactory(organisation=coordinating_org, user=user, is_representative=True)
    return user


@pytest.fixture
def coordinator(db):
    user = UserFactory(email="koordination@example.org", name="Kim Koordination")
    make_coordinator(user)
    # Coordinators' powers open only with a second factor (core.roles).
    return give_second_factor(user)


@pytest.fixture
def client_as(request, db):
    """client_as("coordinator") → a test client logged in with that role."""

    def make(role):
        user = request.getfixturevalue(role)
        client = Client()
        if user is not None:
            client.force_login(user)
        client.user = user
        return client

    return make


@pytest.fixture
def world(request, db):
    """All role users plus the objects each app's matrix rows need."""
    namespace = SimpleNamespace(users={role: request.getfixturevalue(role) for role in ROLES})
    namespace.partner_org = request.getfixturevalue("partner_org")
    namespace.coordinating_org = request.getfixturevalue("coordinating_org")
    from tests.matrix import build_world

    build_world(namespace)
    return namespace


# Browser tests: Playwright drives the system's Chromium.


def pytest_collection_modifyitems(config, items):
    if shutil.which(CHROMIUM) or os.path.exists(CHROMIUM):
        return
    if os.environ.get("CI", "").lower() == "true":
        # In CI a missing browser is a failure, not a skip.
        raise pytest.UsageError(
            f"CI=true, aber Chromium fehlt unter {CHROMIUM}: Browser-Tests dürfen in CI nicht übersprungen werden."
        )
    skip = pytest.mark.skip(
        reason=f"Chromium nicht gefunden ({CHROMIUM}): Browser-Tests übersprungen"
    )
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "de-DE", "timezone_id": "Europe/Berlin"}


@pytest.fixture
def clock():
    """clock(moment) sets Python's clock to an aware datetime for the rest of the test.

    The clock keeps ticking from there, so timeouts and ordering still work; the
    database's own clock (PostgreSQL's now()) is not moved, so code under test
    must take its time from Python.
    """
    import time_machine

    travellers = []

    def set_to(moment):
        if travellers:
            travellers.pop().stop()
        traveller = time_machine.travel(moment, tick=True)
        traveller.start()
        travellers.append(traveller)
        return moment

    yield set_to
    for traveller in travellers:
        traveller.stop()


@pytest.fixture(autouse=True)
def _german_between_tests():
    """Each test starts in German: a request in English leaves its language active in
    the thread (LocaleMiddleware activates, nothing deactivates), which made messages
    of later tests depend on the order they ran in."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)
