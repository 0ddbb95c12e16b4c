"""A pg_dump backup restores into an empty database, and the app serves it.

This is the procedure the README documents. It needs PostgreSQL and its client
tools, so it runs where DATABASE_URL points to PostgreSQL (always in CI).
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

from tests.factories import OrganisationFactory

ROOT = Path(__file__).resolve().parent.parent
RESTORED = "netzwerk_restore_check"


def _require_postgres():
    if connection.vendor != "postgresql" or not shutil.which("pg_dump"):
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("CI must run the backup/restore test on PostgreSQL with pg_dump.")
        pytest.skip("needs PostgreSQL (DATABASE_URL) and pg_dump")


def _env(settings_dict, name):
    env = {**os.environ, "PGPASSWORD": settings_dict.get("PASSWORD") or ""}
    env.update(
        {
            "PGHOST": settings_dict.get("HOST") or "127.0.0.1",
            "PGPORT": str(settings_dict.get("PORT") or 5432),
            "PGUSER": settings_dict.get("USER") or "",
            "PGDATABASE": name,
        }
    )
    return env


@pytest.mark.django_db(transaction=True)
def test_backup_restores_into_an_empty_database_and_is_served(tmp_path):
    _require_postgres()
    OrganisationFactory(name="Gesicherte Initiative", slug="gesicherte-initiative")
    settings_dict = connection.settings_dict
    dump = tmp_path / "netzwerk.dump"
    source = _env(settings_dict, settings_dict["NAME"])
    subprocess.run(
        ["pg_dump", "--format=custom", "--no-owner", f"--file={dump}"], env=source, check=True
    )

    admin = _env(settings_dict, "postgres")
    subprocess.run(["dropdb", "--if-exists", RESTORED], env=admin, check=True)
    subprocess.run(["createdb", RESTORED], env=admin, check=True)
    try:
        subprocess.run(
            ["pg_restore", "--no-owner", f"--dbname={RESTORED}", str(dump)],
            env=admin,
            check=True,
        )
        url = (
            f"postgres://{settings_dict['USER']}:{settings_dict.get('PASSWORD') or ''}"
            f"@{settings_dict.get('HOST') or '127.0.0.1'}:{settings_dict.get('PORT') or 5432}/{RESTORED}"
        )
        script = (
            "from django.test import Client\n"
            "from partners.models import Organisation\n"
            "assert Organisation.objects.filter(slug='gesicherte-initiative').exists()\n"
            "r = Client().get('/', HTTP_HOST='localhost')\n"
            "assert r.status_code == 200, r.status_code\n"
            "assert 'Netzwerk Bürgermitwirkung' in r.content.decode()\n"
            "print('restored ok')\n"
        )
        env = {
            **os.environ,
            "DATABASE_URL": url,
            "DEBUG": "false",
            "ALLOWED_HOSTS": "localhost",
            "SECURE_SSL_REDIRECT": "false",
            "STATIC_ROOT": str(tmp_path / "static"),
        }
        subprocess.run(
            [sys.executable, "manage.py", "collectstatic", "--no-input", "-v0"],
            cwd=ROOT,
            env=env,
            check=True,
            timeout=300,
        )
        result = subprocess.run(
            [sys.executable, "manage.py", "shell", "-c", script],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert "restored ok" in result.stdout, result.stdout + result.stderr
        check = subprocess.run(
            [sys.executable, "manage.py", "migrate", "--check"],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert check.returncode == 0, "the restored database lacks migrations: " + check.stdout
    finally:
        subprocess.run(["dropdb", "--if-exists", RESTORED], env=admin, check=True)
