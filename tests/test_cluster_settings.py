"""Several app servers share state only through shared services.

Each app server is its own process, so these tests run Django in separate
subprocesses (like tests/test_settings.py) and check what one process sees of
another's doings: the settings choose Django's Redis cache, a login made by one
process is honoured by another and a logout reaches both, and cache entries — the
rate limits, and anything a future page caches — are shared and deleted for all.

Redis answers on 127.0.0.1:6379 on the development machine and in CI; elsewhere
the Redis tests are skipped (and fail when CI=true). `make cluster` checks the
same through nginx with two gunicorns.
"""

import contextlib
import json
import os
import socket
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
REDIS_URL = "redis://127.0.0.1:6379/4"


def _redis_answers():
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=1) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")
    except OSError:
        return False


@pytest.fixture(scope="module")
def redis_url():
    if not _redis_answers():
        if os.environ.get("CI") == "true":
            pytest.fail("Redis antwortet nicht auf 127.0.0.1:6379 (in CI erforderlich).")
        pytest.skip("Redis läuft nicht auf 127.0.0.1:6379.")
    return REDIS_URL


def _django(code, **env):
    """Run `code` in a fresh Django process (one app server) and return its JSON output."""
    clean = {
        key: value
        for key, value in os.environ.items()
        if key not in {"CACHE_URL", "REDIS_URL", "DATABASE_URL", "INSTANCE_NAME", "PAGE_CACHE"}
    }
    clean.update({"DEBUG": "true", "ALLOWED_HOSTS": "testserver", **env})
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", code],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


SETTINGS = """
import json
from django.conf import settings
print(json.dumps({
    "cache": settings.CACHES["default"]["BACKEND"],
    "location": settings.CACHES["default"].get("LOCATION"),
    "sessions": settings.SESSION_ENGINE,
    "page_cache": settings.PAGE_CACHE,
}))
"""


@pytest.mark.parametrize("variable", ["CACHE_URL", "REDIS_URL"])
def test_a_redis_url_puts_cache_and_sessions_into_djangos_redis_cache(variable):
    seen = _django(SETTINGS, **{variable: "redis://redis.example.org:6379/1"})
    assert seen == {
        # Django's RedisCache, reusing one redis client per server (core/cache.py).
        "cache": "core.cache.RedisCache",
        "location": "redis://redis.example.org:6379/1",
        "sessions": "django.contrib.sessions.backends.cached_db",
        "page_cache": True,
    }


def test_without_a_cache_url_the_processes_of_one_server_share_a_file_cache(tmp_path):
    seen = _django(SETTINGS, CACHE_DIR=str(tmp_path / "cache"))
    # Files, so every gunicorn worker of the machine counts the same rate limits.
    assert seen["cache"] == "core.cache.FileBasedCache"
    assert seen["location"] == str(tmp_path / "cache")
    # A cache of one machine must not hold sessions: a logout would not reach the others.
    assert seen["sessions"] == "core.sessions"
    # Shared by the workers, so the page cache is on without any setting.
    assert seen["page_cache"] is True


def test_a_cache_of_one_process_keeps_the_page_cache_off_unless_asked():
    # One process could not tell the others that a page changed.
    assert _django(SETTINGS, CACHE_URL="locmemcache://")["page_cache"] is False
    assert _django(SETTINGS, CACHE_URL="locmemcache://", PAGE_CACHE="true")["page_cache"] is True


# A long-running Django process standing in for one app server: it runs the code it
# is sent line by line, keeping whatever state it builds up between requests.
LOOP = """
import json, sys
namespace = {}
for line in sys.stdin:
    namespace.pop("result", None)
    exec(json.loads(line), namespace)
    print("RESULT " + json.dumps(namespace.get("result")), flush=True)
"""


class AppServer:
    def __init__(self, name, **env):
        clean = {
            key: value
            for key, value in os.environ.items()
            if key not in {"CACHE_URL", "REDIS_URL", "DATABASE_URL", "PAGE_CACHE"}
        }
        clean.update({"DEBUG": "true", "ALLOWED_HOSTS": "testserver", "INSTANCE_NAME": name, **env})
        self.name = name
        self.process = subprocess.Popen(
            [sys.executable, "manage.py", "shell", "--no-imports", "-c", LOOP],
            cwd=ROOT,
            env=clean,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )

    def run(self, code):
        """Run `code` in this server; it sets `result` to what the test should see."""
        self.process.stdin.write(json.dumps(code) + "\n")
        self.process.stdin.flush()
        for line in self.process.stdout:
            if line.startswith("RESULT "):
                return json.loads(line.removeprefix("RESULT "))
        raise AssertionError(f"{self.name} ist abgestürzt:\n{self.process.stderr.read()}")

    def stop(self):
        self.process.stdin.close()
        self.process.wait(timeout=30)
        self.process.stdout.close()
        self.process.stderr.close()


@pytest.fixture(scope="module")
def servers(redis_url, tmp_path_factory):
    """Two app servers sharing one database file (PostgreSQL in production) and Redis."""
    database = f"sqlite:///{tmp_path_factory.mktemp('cluster') / 'db.sqlite3'}"
    app1 = AppServer("app1", CACHE_URL=redis_url, DATABASE_URL=database)
    app2 = AppServer("app2", CACHE_URL=redis_url, DATABASE_URL=database)
    try:
        app1.run(
            "from django.core.management import call_command\ncall_command('migrate', verbosity=0)"
        )
        app2.run(
            "from django.test import Client\n"
            "from django.core.cache import cache\n"
            "from core.ratelimit import hit"
        )
        app1.run("from django.test import Client\nfrom django.core.cache import cache")
        yield app1, app2
    finally:
        app1.stop()
        app2.stop()


def test_a_cache_entry_changed_or_deleted_by_one_server_is_seen_so_by_the_other(servers):
    app1, app2 = servers
    key = f"cluster-test:{uuid.uuid4()}"
    app1.run(f"cache.set({key!r}, 'alt', 60)")
    assert app2.run(f"result = cache.get({key!r})") == "alt"
    app1.run(f"cache.set({key!r}, 'neu', 60)")
    assert app2.run(f"result = cache.get({key!r})") == "neu"
    app1.run(f"cache.delete({key!r})")
    assert app2.run(f"result = cache.get({key!r})") is None


def test_the_rate_limit_counts_the_attempts_made_on_every_server(servers):
    action = f"cluster-test-{uuid.uuid4().hex}"
    attempt = f"""
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory
from core.ratelimit import hit
request = RequestFactory().post("/", REMOTE_ADDR="203.0.113.9")
request.user = AnonymousUser()
result = hit(request, {action!r}, limit=2, period=300)
"""
    allowed = [server.run(attempt) for server in (*servers, servers[0])]
    assert allowed == [True, True, False]


def test_a_login_on_one_server_is_honoured_by_the_other_and_a_logout_by_both(servers):
    app1, app2 = servers
    session = app1.run(
        "from django.contrib.auth import get_user_model\n"
        "user = get_user_model().objects.create_user(email='cluster@example.org', password='x-geheim-123')\n"
        "client = Client()\n"
        "client.force_login(user)\n"
        "result = client.cookies['sessionid'].value"
    )
    account = (
        f"c = Client()\nc.cookies['sessionid'] = {session!r}\nresult = c.get('/konto/').status_code"
    )
    assert app2.run(account) == 200
    assert app1.run(account) == 200
    logout = f"c = Client()\nc.cookies['sessionid'] = {session!r}\nresult = c.post('/konto/logout/').status_code"
    assert app1.run(logout) == 302
    # Logged out on app1: app2, which read the session before, must not still find it.
    assert app2.run(account) == 302


def test_a_page_changed_through_one_server_is_current_on_the_other(servers):
    app1, app2 = servers
    page = "result = Client().get('/impressum/').content.decode()"
    app1.run(
        "from core.models import SitePage\n"
        "SitePage.objects.update_or_create(slug='impressum', "
        "defaults={'title': 'Impressum', 'body': 'Stand: alt'})"
    )
    assert "Stand: alt" in app2.run(page)
    app1.run("SitePage.objects.filter(slug='impressum').update(body='Stand: neu')")
    assert "Stand: neu" in app2.run(page)


def test_the_served_by_header_names_the_app_server_only_when_configured(servers):
    app1, app2 = servers
    header = "result = Client().get('/health/').headers.get('X-Served-By')"
    assert app2.run(header) == "app2"
    assert app1.run(header) == "app1"
    assert (
        _django(
            "import json\nfrom django.test import Client\n"
            "print(json.dumps(Client().get('/health/').headers.get('X-Served-By')))"
        )
        is None
    )


RATE_LIMIT_ATTEMPT = """
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory
from core.ratelimit import hit
request = RequestFactory().post("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="203.0.113.9")
request.user = AnonymousUser()
result = hit(request, "worker-test", limit=2, period=300)
"""


def test_without_a_cache_url_the_workers_of_one_machine_count_the_same_rate_limit(tmp_path):
    """Two worker processes (gunicorn's, in production) with production settings, no Redis."""
    env = {"DEBUG": "false", "CACHE_DIR": str(tmp_path / "cache"), "ALLOWED_HOSTS": "testserver"}
    workers = [AppServer(f"worker{n}", **env) for n in (1, 2)]
    try:
        allowed = [worker.run(RATE_LIMIT_ATTEMPT) for worker in (*workers, workers[0])]
    finally:
        for worker in workers:
            worker.stop()
    assert allowed == [True, True, False]


WORKER_SETUP = """
from django.conf import settings
# Static files by their plain names: the test runs no collectstatic (production
# settings otherwise, DEBUG off).
settings.STORAGES = {
    **settings.STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
"""

PUBLIC_PAGE = """
with CaptureQueriesContext(connection) as queries:
    response = Client().get("/aktuelles/")
result = [response.status_code, len(queries), "Hoffest im Quartier" in response.content.decode()]
"""


@contextlib.contextmanager
def file_cache_workers(tmp_path):
    """(writer, reader): two worker processes with production settings and no CACHE_URL
    (the default file cache they share), on one migrated SQLite database."""
    env = {
        "DEBUG": "false",
        "CACHE_DIR": str(tmp_path / "cache"),
        "ALLOWED_HOSTS": "testserver",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
    }
    workers = [AppServer(f"worker{n}", **env) for n in (1, 2)]
    try:
        workers[0].run(
            "from django.core.management import call_command\ncall_command('migrate', verbosity=0)"
        )
        for worker in workers:
            worker.run(WORKER_SETUP)
        yield workers
    finally:
        for worker in workers:
            worker.stop()


def test_without_a_cache_url_a_write_in_one_worker_invalidates_the_others_cached_page(tmp_path):
    """Two worker processes, production settings, no CACHE_URL: the default file cache."""
    with file_cache_workers(tmp_path) as (writer, reader):
        status, queries, shown = reader.run(PUBLIC_PAGE)
        assert (status, shown) == (200, False) and queries > 0
        # On by default: the second visitor is served from the cache, in either worker.
        assert reader.run(PUBLIC_PAGE) == [200, 0, False]
        assert writer.run(PUBLIC_PAGE) == [200, 0, False]
        writer.run(
            "from tests.factories import OrganisationFactory\n"
            "from tests.posts.factories import PostFactory\n"
            "PostFactory(organisation=OrganisationFactory(), published=True,"
            " title='Hoffest im Quartier')"
        )
        status, queries, shown = reader.run(PUBLIC_PAGE)
        assert (status, shown) == (200, True) and queries > 0
        assert writer.run(PUBLIC_PAGE)[2] is True
