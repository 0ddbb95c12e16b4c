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
are not running (tools/cluster/machine.py).
"""

import argparse
import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

# Run as a script (`make cluster`): its own directory is on sys.path.
from machine import (
    DB_NAME,
    PYTHON,
    ROOT,
    certificate,
    ensure_postgresql,
    ensure_redis,
    ensure_role,
    fresh_database,
    log,
    nginx_binary,
    port_open,
    run,
)

HERE = Path(__file__).resolve().parent
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
APP_PORTS = [8101, 8102]
REDIS_URL = "redis://127.0.0.1:6379/3"


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

    def manage(self, *args):
        run([PYTHON, "manage.py", *args], cwd=ROOT, env=self.env, stdout=subprocess.DEVNULL)

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
        nginx = nginx_binary()
        if port_open(self.port):
            sys.exit(f"Port {self.port} ist belegt.")
        certificate(self.tmp)
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
        stop_redis = ensure_redis(cluster.tmp)
        if stop_redis is not None:
            cluster.cleanups.append(("redis", stop_redis))
        ensure_postgresql()
        ensure_role()
        fresh_database()
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
