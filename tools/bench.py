"""The benchmark behind `make bench`: gunicorn (2 workers) on PostgreSQL with the
scale data, driven by wrk with 8 connections on 127.0.0.1.

It measures throughput and p50/p95 latency of the public pages, the coordinators'
overview (logged in), the Django admin's partner list and a trivial view as the
ceiling, prints a table with each page's ratio to the ceiling and writes the
figures to bench-results.json. Then it runs the concurrent-voting check.

Usage: python tools/bench.py [--partners 10000] [--duration 10] [--skip-seed]
"""

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
PORT = 8765
BASE = f"http://127.0.0.1:{PORT}"
TARGET_RATIO = 0.5
TARGET_P95_MS = 50.0

# Django code run inside the benchmark's environment to find the pages' URLs.
RESOLVE = r"""
import json
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.auth import get_user_model, HASH_SESSION_KEY, BACKEND_SESSION_KEY, SESSION_KEY
from django.urls import NoReverseMatch, reverse

def url(name, **kwargs):
    try:
        return reverse(name, kwargs=kwargs)
    except NoReverseMatch:
        return None

pages = [("ceiling (trivial view)", url("health"), False), ("/", url("home"), False)]
from partners.models import Organisation
partner = Organisation.objects.active().order_by("name").first()
pages += [
    ("/partner/", url("partners:list"), False),
    ("/partner/?q=…", (url("partners:list") or "") + "?q=Nachbarschaft" if url("partners:list") else None, False),
    ("partner profile", partner and url("partners:detail", slug=partner.slug), False),
    ("/treffen/", url("meetings:list"), False),
    ("/treffen/kalender.ics", url("meetings:calendar"), False),
    ("/sprechergruppe/", url("elections:speaker_group"), False),
]
try:
    from elections.models import Election
    election = Election.objects.order_by("-pk").first()
    pages.append(("/wahlen/<id>/", election and url("elections:detail", pk=election.pk), False))
except Exception:
    pass
pages += [
    ("/aktuelles/", url("posts:list"), False),
    ("/aktuelles/feed/", url("posts:feed"), False),
    ("/koordination/", url("coordination"), True),
    ("admin partner list", url("admin:partners_organisation_changelist"), True),
]
user = get_user_model().objects.get(email="koordination@example.org")
session = SessionStore()
session[SESSION_KEY] = str(user.pk)
session[BACKEND_SESSION_KEY] = "allauth.account.auth_backends.AuthenticationBackend"
session[HASH_SESSION_KEY] = user.get_session_auth_hash()
session.save()
print("RESULT" + json.dumps({"pages": [p for p in pages if p[1]], "session": session.session_key}))
"""


def shared_cache_url():
    """Redis on 127.0.0.1 if it runs; otherwise a file cache, which processes share too."""
    import socket

    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=1):
            return "redis://127.0.0.1:6379/7"
    except OSError:
        return "filecache://" + os.path.join(tempfile.gettempdir(), "netzwerk-bench-cache")


def ensure_database(url):
    """Create the benchmark's database (and its role, where we may) when missing.

    Tries, in turn: connect; create the database as its own role (CREATEDB);
    as root, create role and database through the `postgres` system user (peer
    authentication, as on Debian). Otherwise stops with the one line to run.
    """
    import psycopg2  # the project's PostgreSQL driver
    from psycopg2 import sql

    parts = urllib.parse.urlsplit(url)
    name = parts.path.lstrip("/")
    user, password = parts.username or "", parts.password or ""
    connect = {"host": parts.hostname or "127.0.0.1", "port": parts.port or 5432}
    connect.update(user=user, password=password)
    try:
        psycopg2.connect(dbname=name, **connect).close()
        return
    except psycopg2.OperationalError:
        pass
    try:
        conn = psycopg2.connect(dbname="postgres", **connect)
        conn.autocommit = True
        with conn.cursor() as cursor:
            cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        conn.close()
        print(f"created database {name}")
        return
    except psycopg2.Error:
        pass
    plain = re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", user) and re.fullmatch(r"[A-Za-z_]\w*", name)
    if plain and os.geteuid() == 0 and shutil.which("runuser") and shutil.which("psql"):
        quoted = "'" + password.replace("'", "''") + "'"
        for statement in (
            f'CREATE ROLE "{user}" LOGIN CREATEDB PASSWORD {quoted}',
            f'CREATE DATABASE "{name}" OWNER "{user}"',
        ):
            subprocess.run(  # noqa: S603
                ["runuser", "-u", "postgres", "--", "psql", "-q", "-c", statement],  # noqa: S607
                check=False,
                capture_output=True,
            )
        try:
            psycopg2.connect(dbname=name, **connect).close()
            print(f"created role {user} and database {name}")
            return
        except psycopg2.OperationalError:
            pass
    sys.exit(
        f'No database {name}: run  sudo -u postgres psql -c "CREATE ROLE {user} LOGIN CREATEDB'
        f" PASSWORD '{password}'\" && sudo -u postgres createdb -O {user} {name}"
        "  (or set DATABASE_URL=postgres://…)"
    )


def run(cmd, env, **kwargs):
    return subprocess.run(cmd, cwd=ROOT, env=env, check=True, **kwargs)  # noqa: S603


def manage(env, *args, capture=False):
    result = run([PYTHON, "manage.py", *args], env, capture_output=capture, text=True)
    return result.stdout if capture else None


def ensure_wrk():
    if shutil.which("wrk"):
        return
    if os.geteuid() == 0 and shutil.which("apt-get"):
        run(["apt-get", "install", "-y", "-qq", "wrk"], os.environ.copy())
    if not shutil.which("wrk"):
        sys.exit("wrk fehlt: apt-get install wrk")


def wait_for_server():
    for _ in range(100):
        try:
            with urllib.request.urlopen(f"{BASE}/health/", timeout=1) as response:  # noqa: S310  # nosec B310
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    sys.exit("gunicorn did not start")


def measure(path, duration, cookie):
    cmd = [
        "wrk",
        "-t2",
        "-c8",
        f"-d{duration}s",
        "--timeout",
        "10s",
        "-s",
        str(ROOT / "tools" / "wrk_report.lua"),
    ]
    if cookie:
        cmd += ["-H", f"Cookie: sessionid={cookie}"]
    cmd.append(BASE + path)
    output = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout  # noqa: S603
    line = [line for line in output.splitlines() if line.startswith("{")][-1]
    return json.loads(line)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--partners", type=int, default=10_000)
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--skip-seed", action="store_true")
    parser.add_argument("--output", default=str(ROOT / "bench-results.json"))
    args = parser.parse_args()
    ensure_wrk()

    static_root = tempfile.mkdtemp(prefix="netzwerk-bench-static-")
    env = {
        **os.environ,
        "DATABASE_URL": os.environ.get(
            "DATABASE_URL", "postgres://netzwerk:netzwerk@127.0.0.1:5432/netzwerk_bench"
        ),
        "DEBUG": "false",
        "SECRET_KEY": "bench-" + "x" * 60,
        "DECLARATION_SEAL_KEY": "bench-seal-" + "y" * 40,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "false",
        "CONN_MAX_AGE": "600",
        # A shared cache, as in production: the page cache and rate limits need one.
        "CACHE_URL": os.environ.get("BENCH_CACHE_URL", shared_cache_url()),
        "STATIC_ROOT": static_root,
        "LOG_LEVEL": "ERROR",
    }
    if not env["DATABASE_URL"].startswith("postgres"):
        sys.exit("The benchmark runs on PostgreSQL: set DATABASE_URL=postgres://…")
    ensure_database(env["DATABASE_URL"])
    manage(env, "migrate", "--no-input", "-v0")
    if not args.skip_seed:
        manage(env, "seed_scale", "--partners", str(args.partners), "--force")
    manage(env, "collectstatic", "--no-input", "-v0")
    resolved = json.loads(manage(env, "shell", "-c", RESOLVE, capture=True).split("RESULT", 1)[1])

    server = subprocess.Popen(  # noqa: S603
        [
            GUNICORN,
            "netzwerk.wsgi",
            "--workers",
            "2",
            "--bind",
            f"127.0.0.1:{PORT}",
            "--no-control-socket",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    results = []
    try:
        wait_for_server()
        for label, path, logged_in in resolved["pages"]:
            measure(path, 2, resolved["session"] if logged_in else None)  # warm up
            figures = measure(path, args.duration, resolved["session"] if logged_in else None)
            results.append({"page": label, "path": path, **figures})
    finally:
        server.terminate()
        server.wait(timeout=30)
        shutil.rmtree(static_root, ignore_errors=True)

    ceiling = results[0]["rps"]
    admin = next((r["rps"] for r in results if r["page"] == "admin partner list"), None)
    references = {"admin partner list", "ceiling (trivial view)"}
    print(f"\n{'page':28} {'req/s':>8} {'ratio':>6} {'p50 ms':>7} {'p95 ms':>7}  targets")
    for result in results:
        result["ratio"] = round(result["rps"] / ceiling, 3)
        checks = [result["ratio"] >= TARGET_RATIO, result["p95_ms"] < TARGET_P95_MS]
        if admin is not None:
            checks.append(result["rps"] > admin)
        ok = all(checks) and not result["non2xx"] and not result["errors"]
        # The ceiling and the admin's list are what the pages are measured against.
        result["meets_targets"] = None if result["page"] in references else ok
        verdict = "reference" if result["page"] in references else ("ok" if ok else "MISSED")
        print(
            f"{result['page']:28} {result['rps']:8.0f} {result['ratio']:6.2f} "
            f"{result['p50_ms']:7.1f} {result['p95_ms']:7.1f}  {verdict}"
            + (f" (non-2xx: {result['non2xx']})" if result["non2xx"] else "")
        )
    report = {"partners": args.partners, "duration_s": args.duration, "pages": results}
    voting = ROOT / "tools" / "bench_voting.py"
    if voting.exists():
        out = subprocess.run(  # noqa: S603
            [PYTHON, str(voting)], cwd=ROOT, env=env, capture_output=True, text=True, check=False
        ).stdout
        report["voting"] = json.loads(out.strip().splitlines()[-1])
        print("\nconcurrent voting:", report["voting"])
    circulars = ROOT / "tools" / "bench_circulars.py"
    if circulars.exists():
        out = subprocess.run(  # noqa: S603
            [PYTHON, str(circulars)], cwd=ROOT, env=env, capture_output=True, text=True, check=False
        ).stdout
        report["circular_queue"] = json.loads(out.strip().splitlines()[-1])
        print("\ncircular to every partner:", out.strip().splitlines()[0])
    Path(args.output).write_text(json.dumps(report, indent=2), encoding="utf-8")
    print(f"\nwritten to {args.output}")


if __name__ == "__main__":
    main()
