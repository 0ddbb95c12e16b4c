"""The benchmark behind `make bench`: gunicorn (2 workers) on PostgreSQL with the
scale data, driven by wrk with 8 connections on 127.0.0.1.

First each page's fresh render, in-process (tools/bench_render.py, median of
--rounds renders): cold (no cache at all) and after a write elsewhere (the page cache
forgot every page, the fragments of unchanged data are kept). Then throughput and p50/p95 latency of the public
pages, the logged-in pages (coordination, account, partner area, a meeting as a
partner), the Django admin's partner list and a trivial view as the ceiling —
once with the default configuration (no CACHE_URL: the file cache the workers
share) and once with Redis if it runs on 127.0.0.1:6379. Prints a table with each
page's ratio to the ceiling of the same run and the targets it missed, writes the
figures to bench-results.json, then runs the concurrent-voting check.

Usage: python tools/bench.py [--partners 10000] [--duration 10] [--rounds 40] [--skip-seed]
       python tools/bench.py --demo   # the same on the demo network alone
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
TARGET_RATIO = 0.5  # public pages, of the trivial view's throughput
TARGET_RATIO_LOGGED_IN = 0.3
TARGET_P95_MS = 50.0
TARGET_FRESH_MS = 5.0  # median fresh render, in-process
# The OParl API is not page-cached (every list is a query of its own): each list page
# renders in under 50 ms at 10,000 partners (docs/oparl.md).
OPARL_PREFIX = "/oparl/"
TARGET_OPARL_MS = 50.0
REFERENCES = {"ceiling (trivial view)", "admin partner list"}


def redis_url():
    """Redis on 127.0.0.1 if it runs (BENCH_CACHE_URL overrides), else None."""
    import socket

    if os.environ.get("BENCH_CACHE_URL"):
        return os.environ["BENCH_CACHE_URL"]
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=1):
            return "redis://127.0.0.1:6379/7"
    except OSError:
        return None


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


def browser_cookies(path, session):
    """The Cookie header a browser sends after its first visits: the session and the
    cookies the page set (the CSRF cookie), so that wrk's requests are the reloads
    of one person in one session and not a new visitor's first request each time."""
    jar = {"sessionid": session}
    for _ in range(2):
        header = "; ".join(f"{name}={value}" for name, value in jar.items())
        request = urllib.request.Request(BASE + path, headers={"Cookie": header})  # noqa: S310
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310  # nosec B310
            for cookie in response.headers.get_all("Set-Cookie") or []:
                name, _, rest = cookie.partition("=")
                jar[name.strip()] = rest.split(";", 1)[0]
    return "; ".join(f"{name}={value}" for name, value in jar.items())


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
        cmd += ["-H", f"Cookie: {cookie}"]
    cmd.append(BASE + path)
    output = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout  # noqa: S603
    line = [line for line in output.splitlines() if line.startswith("{")][-1]
    return json.loads(line)


def serve_and_measure(env, pages, duration):
    """Start gunicorn with `env`, measure every page with wrk, stop it again."""
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
    results = {}
    try:
        wait_for_server()
        for page in pages:
            cookie = page["session"] and browser_cookies(page["path"], page["session"])
            measure(page["path"], 2, cookie)  # warm up
            results[page["page"]] = measure(page["path"], duration, cookie)
    finally:
        server.terminate()
        server.wait(timeout=30)
    return results


def verdict(page, fresh, runs, logged_in):
    """Which targets a page missed: fresh render, throughput ratio, p95, errors."""
    if page in REFERENCES:
        return "reference"
    missed = []
    if page.startswith(OPARL_PREFIX):
        if fresh is not None and fresh["median_ms"] > TARGET_OPARL_MS:
            missed.append("render under 50 ms")
        missed += [
            f"errors ({name})" for name, run in runs.items() if run["non2xx"] or run["errors"]
        ]
        return "ok" if not missed else "MISSED " + ", ".join(missed)
    if fresh is not None and fresh["median_ms"] > TARGET_FRESH_MS:
        missed.append("fresh render (cold)")
    if fresh is not None and fresh.get("after_write_median_ms", 0) > TARGET_FRESH_MS:
        missed.append("fresh render (after a write elsewhere)")
    target = TARGET_RATIO_LOGGED_IN if logged_in else TARGET_RATIO
    for name, run in runs.items():
        if run["ratio"] < target:
            missed.append(f"ratio ({name})")
        if run["p95_ms"] >= TARGET_P95_MS:
            missed.append(f"p95 ({name})")
        if run["non2xx"] or run["errors"]:
            missed.append(f"errors ({name})")
    return "ok" if not missed else "MISSED " + ", ".join(missed)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--partners", type=int, default=10_000)
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=40, help="fresh renders per page")
    parser.add_argument("--skip-seed", action="store_true")
    parser.add_argument(
        "--demo",
        action="store_true",
        help="the demo network only (seed_demo, database netzwerk_bench_demo), no scale data",
    )
    parser.add_argument("--output", default=str(ROOT / "bench-results.json"))
    args = parser.parse_args()
    ensure_wrk()

    static_root = tempfile.mkdtemp(prefix="netzwerk-bench-static-")
    cache_dir = tempfile.mkdtemp(prefix="netzwerk-bench-cache-")
    env = {
        **os.environ,
        "DATABASE_URL": os.environ.get(
            "DATABASE_URL",
            "postgres://netzwerk:netzwerk@127.0.0.1:5432/netzwerk_bench"
            + ("_demo" if args.demo else ""),
        ),
        "DEBUG": "false",
        "SECRET_KEY": "bench-" + "x" * 60,
        "DECLARATION_SEAL_KEY": "bench-seal-" + "y" * 40,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "false",
        "CONN_MAX_AGE": "600",
        "STATIC_ROOT": static_root,
        # The default configuration: no CACHE_URL, the file cache the workers share.
        "CACHE_DIR": cache_dir,
        "LOG_LEVEL": "ERROR",
    }
    env.pop("CACHE_URL", None)
    env.pop("REDIS_URL", None)
    if not env["DATABASE_URL"].startswith("postgres"):
        sys.exit("The benchmark runs on PostgreSQL: set DATABASE_URL=postgres://…")
    ensure_database(env["DATABASE_URL"])
    manage(env, "migrate", "--no-input", "-v0")
    if args.demo:
        # Known passwords are fine in a benchmark database nobody serves.
        manage(env, "seed_demo", "--force")
    elif not args.skip_seed:
        manage(env, "seed_scale", "--partners", str(args.partners), "--force")
    manage(env, "collectstatic", "--no-input", "-v0")
    render = [PYTHON, str(ROOT / "tools" / "bench_render.py")]
    pages = json.loads(run([*render, "--sessions"], env, capture_output=True, text=True).stdout)
    logged_in = {page["page"] for page in pages if page["session"]}
    fresh = json.loads(
        run([*render, "--rounds", str(args.rounds)], env, capture_output=True, text=True).stdout
    )

    configurations = {"file cache": env}
    redis = redis_url()
    if redis:
        configurations["Redis"] = {**env, "CACHE_URL": redis}
    throughput = {}
    try:
        for name, configuration in configurations.items():
            throughput[name] = serve_and_measure(configuration, pages, args.duration)
    finally:
        shutil.rmtree(static_root, ignore_errors=True)
        shutil.rmtree(cache_dir, ignore_errors=True)

    results = []
    for page in pages:
        label = page["page"]
        runs = {}
        for name, figures in throughput.items():
            ceiling = figures[pages[0]["page"]]["rps"]
            runs[name] = {**figures[label], "ratio": round(figures[label]["rps"] / ceiling, 3)}
        result = {
            "page": label,
            "path": page["path"],
            "logged_in": label in logged_in,
            "fresh": fresh.get(label),
            "runs": runs,
        }
        result["verdict"] = verdict(label, result["fresh"], runs, result["logged_in"])
        results.append(result)
    print_table(results, list(throughput))

    report = {
        "partners": "demo network" if args.demo else args.partners,
        "duration_s": args.duration,
        "configurations": {
            name: ("CACHE_URL=" + redis if name == "Redis" else "no CACHE_URL")
            for name in throughput
        },
        "pages": results,
    }
    voting = ROOT / "tools" / "bench_voting.py"
    # The voting and circular checks need the scale data (1,000 voting organisations).
    if voting.exists() and not args.demo:
        out = subprocess.run(  # noqa: S603
            [PYTHON, str(voting)], cwd=ROOT, env=env, capture_output=True, text=True, check=False
        ).stdout
        report["voting"] = json.loads(out.strip().splitlines()[-1])
        print("\nconcurrent voting:", report["voting"])
    circulars = ROOT / "tools" / "bench_circulars.py"
    if circulars.exists() and not args.demo:
        out = subprocess.run(  # noqa: S603
            [PYTHON, str(circulars)], cwd=ROOT, env=env, capture_output=True, text=True, check=False
        ).stdout
        report["circular_queue"] = json.loads(out.strip().splitlines()[-1])
        print("\ncircular to every partner:", out.strip().splitlines()[0])
    Path(args.output).write_text(json.dumps(report, indent=2), encoding="utf-8")
    print(f"\nwritten to {args.output}")


def print_table(results, configurations):
    """One row per page: fresh render, then req/s, ratio and p95 per cache configuration."""
    header = f"{'page':26} {'cold ms':>8} {'after-write ms':>14}"
    for name in configurations:
        header += f" | {name + ' req/s':>16} {'ratio':>5} {'p95 ms':>6}"
    print("\n" + header + "  targets")
    for result in results:
        fresh = result["fresh"]
        cold = fresh["median_ms"] if fresh else float("nan")
        after_write = fresh.get("after_write_median_ms", float("nan")) if fresh else float("nan")
        line = f"{result['page'][:26]:26} {cold:8.1f} {after_write:14.1f}"
        for name in configurations:
            run = result["runs"][name]
            line += f" | {run['rps']:16.0f} {run['ratio']:5.2f} {run['p95_ms']:6.1f}"
        print(line + "  " + result["verdict"])


if __name__ == "__main__":
    main()
