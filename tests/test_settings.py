import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

PRODUCTION = {
    "DEBUG": "false",
    "SECRET_KEY": "k9#Qv2!xLr7@pT4zW8&mN1^bY6*cF3(hJ5)sD0_gA9-eR2+uI7=oP4~lK8%jH1$",
    "ALLOWED_HOSTS": "netzwerk.example.org",
    "CSRF_TRUSTED_ORIGINS": "https://netzwerk.example.org",
    "DATABASE_URL": "sqlite:////tmp/netzwerk-check-deploy.sqlite3",
}


def _manage(*args, env):
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in {"SECRET_KEY", "DEBUG", "SECURE_SSL_REDIRECT", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    clean.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_is_clean_with_production_values():
    result = _manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_missing_secret_key_with_debug_off_fails_clearly():
    env = {**PRODUCTION, "SECRET_KEY": ""}
    result = _manage("check", env=env)
    assert result.returncode != 0
    assert "SECRET_KEY fehlt" in result.stderr


def test_debug_on_works_without_secret_key():
    result = _manage("check", env={**PRODUCTION, "SECRET_KEY": "", "DEBUG": "true"})
    assert result.returncode == 0, result.stderr


def test_security_headers_are_sent(client, db):
    response = client.get("/")
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp
