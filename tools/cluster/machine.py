"""What `make cluster` needs from the machine: Redis, PostgreSQL with the role and a
fresh database, nginx (installed from Debian if missing) and a throw-away certificate.

Starting PostgreSQL/Redis and installing packages needs root; tools/cluster/run.py
calls these before it starts the app servers, the worker and nginx.
"""

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python")
DB_NAME = "netzwerk_cluster"
PG_ADMIN_URL = "postgres://netzwerk:netzwerk@127.0.0.1:5432/postgres"


def log(message):
    print(f"[cluster] {message}", flush=True)


def run(cmd, *, check=True, **kwargs):
    return subprocess.run(cmd, check=check, **kwargs)  # noqa: S603


def port_open(port):
    with socket.socket() as sock:
        sock.settimeout(0.5)
        return sock.connect_ex(("127.0.0.1", port)) == 0


def redis_answers():
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=1) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def kill_pidfile(pidfile):
    with contextlib.suppress(OSError, ValueError):
        os.kill(int(pidfile.read_text().strip()), signal.SIGTERM)


def ensure_redis(tmp):
    """Redis on 127.0.0.1:6379; returns how to stop it if it was started here, else None."""
    if redis_answers():
        log("Redis läuft bereits.")
        return None
    if not shutil.which("redis-server"):
        apt_install("redis-server")
    pidfile = tmp / "redis.pid"
    run(
        [
            "redis-server",
            "--daemonize",
            "yes",
            "--bind",
            "127.0.0.1",
            "--port",
            "6379",
            "--save",
            "",
            "--appendonly",
            "no",
            "--pidfile",
            str(pidfile),
        ]
    )
    for _ in range(50):
        if redis_answers():
            break
        time.sleep(0.1)
    else:
        sys.exit("Redis startet nicht.")
    log("Redis gestartet.")
    return lambda: kill_pidfile(pidfile)


def apt_install(*packages):
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        sys.exit(f"Bitte installieren: {' '.join(packages)} (apt-get, als root).")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    log(f"apt-get install {' '.join(packages)}")
    result = run(
        ["apt-get", "install", "-y", "-qq", *packages],
        env=env,
        check=False,
        stdout=subprocess.DEVNULL,
    )
    if result.returncode != 0:
        run(["apt-get", "update", "-qq"], env=env)
        run(["apt-get", "install", "-y", "-qq", *packages], env=env)


def nginx_binary():
    found = shutil.which("nginx") or (
        "/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None
    )
    if found is None:
        apt_install("nginx-light")
        found = shutil.which("nginx") or "/usr/sbin/nginx"
    return found


def ensure_postgresql():
    if port_open(5432):
        return
    if os.geteuid() != 0 or not shutil.which("pg_ctlcluster"):
        sys.exit("PostgreSQL läuft nicht auf 127.0.0.1:5432.")
    versions = sorted(os.listdir("/etc/postgresql"), key=lambda v: [int(p) for p in v.split(".")])
    version = versions[-1]
    run(["pg_ctlcluster", "--skip-systemctl-redirect", version, "main", "start"])
    for _ in range(30):
        if port_open(5432):
            return
        time.sleep(1)
    sys.exit("PostgreSQL startet nicht.")


def ensure_role():
    """The role netzwerk/netzwerk, created as in .ci/run if it is missing."""
    if os.geteuid() != 0 or not shutil.which("runuser"):
        return
    exists = run(
        [
            "runuser",
            "-u",
            "postgres",
            "--",
            "psql",
            "-tAc",
            "SELECT 1 FROM pg_roles WHERE rolname='netzwerk'",
        ],
        capture_output=True,
        text=True,
        check=False,
    ).stdout.strip()
    if exists != "1":
        run(
            [
                "runuser",
                "-u",
                "postgres",
                "--",
                "psql",
                "-qc",
                "CREATE ROLE netzwerk LOGIN PASSWORD 'netzwerk' CREATEDB",
            ]
        )


def fresh_database():
    script = (
        "import psycopg2\n"
        f"c = psycopg2.connect({PG_ADMIN_URL!r})\n"
        "c.autocommit = True\n"
        "cur = c.cursor()\n"
        f"cur.execute('DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)')\n"
        f"cur.execute('CREATE DATABASE {DB_NAME}')\n"
    )
    run([PYTHON, "-c", script])
    log(f"Datenbank {DB_NAME} neu angelegt.")


def certificate(tmp):
    """A throw-away certificate for 127.0.0.1: tmp/cert.pem and tmp/key.pem."""
    run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "1",
            "-subj",
            "/CN=127.0.0.1",
            "-addext",
            "subjectAltName=IP:127.0.0.1",
            "-keyout",
            str(tmp / "key.pem"),
            "-out",
            str(tmp / "cert.pem"),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
