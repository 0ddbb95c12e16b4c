"""`make cluster`: the platform as a city's IT runs it, on one machine, then checked.

Starts (or reuses) Redis, makes sure PostgreSQL runs and installs nginx from Debian
if it is missing, creates a fresh database `netzwerk_cluster`, migrates, seeds the
demo network and collects static files. Then it starts two gunicorn app servers on
different ports against the same PostgreSQL and Redis, one task worker, and nginx
in front (TLS with a throw-away certificate, round robin, /static/ served by nginx)
and runs tools/cluster/check.py against nginx. Everything it started is stopped on
exit; the exit status is the checks' status.

Usage: python tools/cluster/run.py [--port 8443] [--keep-running]
Needs root for installing nginx (apt-get) and for starting PostgreSQL/Redis if they
are not running.
"""

import argparse
import contextlib
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
HERE = Path(__file__).resolve().parent
PYTHON = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
APP_PORTS = [8101, 8102]
REDIS_URL = "redis://127.0.0.1:6379/3"
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


class Cluster:
    def __init__(self, port):
        self.port = port
        self.processes = []  # (name, Popen)
        self.cleanups = []
        self.tmp = Path(tempfile.mkdtemp(prefix="netzwerk-cluster-"))
        # nginx's workers run as an unprivileged user and must read the static files.
        self.tmp.chmod(0o755)
        self.static_root = self.tmp / "static"
        self.media_root = self.tmp / "media"
        self.worker_mail = self.tmp / "mail-worker"
        self.app_mail = self.tmp / "mail-app"
        for path in (self.media_root, self.worker_mail, self.app_mail):
            path.mkdir()
        self.base_url = f"https://127.0.0.1:{port}"
        self.env = self._environment()

    def _environment(self):
        env = {
            key: value
            for key, value in os.environ.items()
            if key not in {"DEBUG", "DATABASE_URL", "CACHE_URL", "REDIS_URL", "EMAIL_URL"}
        }
        env.update(
            {
                "DEBUG": "false",
                "SECRET_KEY": secrets.token_urlsafe(50),
                "DECLARATION_SEAL_KEY": secrets.token_urlsafe(40),
                "ALLOWED_HOSTS": "127.0.0.1,localhost",
                "CSRF_TRUSTED_ORIGINS": self.base_url,
                "SITE_URL": self.base_url,
                "DATABASE_URL": f"postgres://netzwerk:netzwerk@127.0.0.1:5432/{DB_NAME}",
                "CONN_MAX_AGE": "60",
                "CACHE_URL": REDIS_URL,
                "TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
                "STATIC_ROOT": str(self.static_root),
                "MEDIA_ROOT": str(self.media_root),  # the shared volume of all servers
                # App servers only queue mail; anything they sent themselves lands here.
                "EMAIL_URL": f"filemail:///{self.app_mail}",
                # Local only: no HSTS pin for 127.0.0.1 in a browser that looks at it.
                "SECURE_HSTS_SECONDS": "0",
                "LOG_LEVEL": "WARNING",
            }
        )
        return env

    # --- services -------------------------------------------------------------

    def ensure_redis(self):
        if redis_answers():
            log("Redis läuft bereits.")
            return
        if not shutil.which("redis-server"):
            self.apt_install("redis-server")
        pidfile = self.tmp / "redis.pid"
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
        self.cleanups.append(("redis", lambda: self._kill_pidfile(pidfile)))
        log("Redis gestartet.")

    def apt_install(self, *packages):
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

    def nginx_binary(self):
        found = shutil.which("nginx") or (
            "/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None
        )
        if found is None:
            self.apt_install("nginx-light")
            found = shutil.which("nginx") or "/usr/sbin/nginx"
        return found

    def ensure_postgresql(self):
        if port_open(5432):
            return
        if os.geteuid() != 0 or not shutil.which("pg_ctlcluster"):
            sys.exit("PostgreSQL läuft nicht auf 127.0.0.1:5432.")
        version = sorted(
            os.listdir("/etc/postgresql"), key=lambda v: [int(p) for p in v.split(".")]
        )[-1]
        run(["pg_ctlcluster", "--skip-systemctl-redirect", version, "main", "start"])
        for _ in range(30):
            if port_open(5432):
                return
            time.sleep(1)
        sys.exit("PostgreSQL startet nicht.")

    def ensure_role(self):
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

    def fresh_database(self):
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

    def manage(self, *args):
        run([PYTHON, "manage.py", *args], cwd=ROOT, env=self.env, stdout=subprocess.DEVNULL)

    def certificate(self):
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
                str(self.tmp / "key.pem"),
                "-out",
                str(self.tmp / "cert.pem"),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )

    # --- processes ------------------------------------------------------------

    def start(self, name, cmd, env=None):
        logfile = open(self.tmp / f"{name}.log", "wb")  # noqa: SIM115 - closed with the process
        process = subprocess.Popen(  # noqa: S603
            cmd,
            cwd=ROOT,
            env=env or self.env,
            stdout=logfile,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.processes.append((name, process))
        return process

    def start_app_servers(self):
        for number, port in enumerate(APP_PORTS, start=1):
            if port_open(port):
                sys.exit(f"Port {port} ist belegt.")
            self.start(
                f"app{number}",
                [
                    GUNICORN,
                    "netzwerk.wsgi",
                    "--workers",
                    "2",
                    "--bind",
                    f"127.0.0.1:{port}",
                    "--no-control-socket",
                ],
                env={**self.env, "INSTANCE_NAME": f"app{number}"},
            )
        for port in APP_PORTS:
            self.wait_http(f"http://127.0.0.1:{port}/health/", https_header=True)
        log(f"App-Server auf den Ports {', '.join(map(str, APP_PORTS))} laufen.")

    def start_worker(self):
        self.start(
            "worker",
            [PYTHON, "manage.py", "db_worker", "--queue-name", "*", "--interval", "0.5"],
            env={**self.env, "EMAIL_URL": f"filemail:///{self.worker_mail}"},
        )
        log("Task-Worker läuft.")

    def start_nginx(self):
        nginx = self.nginx_binary()
        if port_open(self.port):
            sys.exit(f"Port {self.port} ist belegt.")
        self.certificate()
        template = (HERE / "nginx.conf.template").read_text()
        upstreams = "\n".join(f"        server 127.0.0.1:{port};" for port in APP_PORTS)
        config = (
            template.replace("@TMP@", str(self.tmp))
            .replace("@UPSTREAMS@", upstreams)
            .replace("@PORT@", str(self.port))
            .replace("@STATIC_ROOT@", str(self.static_root))
        )
        conf = self.tmp / "nginx.conf"
        conf.write_text(config)
        command = [
            nginx,
            "-p",
            str(self.tmp),
            "-c",
            str(conf),
            "-e",
            str(self.tmp / "nginx-error.log"),
        ]
        run([*command, "-t", "-q"])
        self.start("nginx", command)
        for _ in range(50):
            if port_open(self.port):
                break
            time.sleep(0.1)
        else:
            sys.exit("nginx startet nicht; siehe " + str(self.tmp / "nginx.log"))
        log(f"nginx läuft: {self.base_url}/")

    def wait_http(self, url, *, https_header=False):
        request = urllib.request.Request(url)  # noqa: S310
        if https_header:
            # Behind the proxy: without it, SECURE_SSL_REDIRECT answers with a redirect.
            request.add_header("X-Forwarded-Proto", "https")
        for _ in range(150):
            try:
                # The URL is built here from 127.0.0.1 and a port: no user input.
                with urllib.request.urlopen(request, timeout=2) as response:  # noqa: S310  # nosec B310
                    if response.status == 200:
                        return
            except OSError:
                pass
            for name, process in self.processes:
                if process.poll() is not None:
                    sys.exit(f"{name} ist beendet; siehe {self.tmp / (name + '.log')}")
            time.sleep(0.2)
        sys.exit(f"{url} antwortet nicht.")

    # --- stopping -------------------------------------------------------------

    @staticmethod
    def _kill_pidfile(pidfile):
        with contextlib.suppress(OSError, ValueError):
            os.kill(int(pidfile.read_text().strip()), signal.SIGTERM)

    def stop(self):
        for name, process in reversed(self.processes):
            if process.poll() is None:
                try:
                    os.killpg(process.pid, signal.SIGTERM)
                except OSError:
                    continue
                try:
                    process.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    os.killpg(process.pid, signal.SIGKILL)
                    process.wait()
            log(f"{name} gestoppt.")
        for name, cleanup in reversed(self.cleanups):
            cleanup()
            log(f"{name} gestoppt.")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8443)
    parser.add_argument(
        "--keep-running", action="store_true", help="nach den Prüfungen auf Strg+C warten"
    )
    args = parser.parse_args()

    cluster = Cluster(args.port)
    # Stop everything on any exit, also on Ctrl+C or SIGTERM.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    status = 1
    try:
        cluster.ensure_redis()
        cluster.ensure_postgresql()
        cluster.ensure_role()
        cluster.fresh_database()
        log("migrate, seed_demo, collectstatic …")
        cluster.manage("migrate", "--no-input")
        cluster.manage("seed_demo", "--force")
        cluster.manage("collectstatic", "--no-input")
        cluster.start_app_servers()
        cluster.start_worker()
        cluster.start_nginx()
        status = subprocess.run(  # noqa: S603
            [
                PYTHON,
                str(HERE / "check.py"),
                "--base-url",
                cluster.base_url,
                "--cafile",
                str(cluster.tmp / "cert.pem"),
                "--worker-mail",
                str(cluster.worker_mail),
                "--app-mail",
                str(cluster.app_mail),
                "--instances",
                str(len(APP_PORTS)),
            ],
            check=False,
        ).returncode
        if args.keep_running:
            log("Läuft weiter; Strg+C beendet alles.")
            signal.pause()
    except KeyboardInterrupt:
        pass
    finally:
        cluster.stop()
        if status == 0:
            shutil.rmtree(cluster.tmp, ignore_errors=True)
        else:
            log(f"Protokolle: {cluster.tmp}")
    return status


if __name__ == "__main__":
    sys.exit(main())
