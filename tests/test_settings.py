import json
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


SETTINGS = """
import json
from django.conf import settings
print(json.dumps({
    "proxies": settings.ALLAUTH_TRUSTED_PROXY_COUNT,
    "header": settings.ALLAUTH_TRUSTED_CLIENT_IP_HEADER,
    "database": settings.DATABASES["default"].get("OPTIONS", {}),
}))
"""


def _settings(**env):
    clean = {key: value for key, value in PRODUCTION.items() if key != "DATABASE_URL"}
    result = _manage("shell", "--no-imports", "-c", SETTINGS, env={**clean, **env})
    assert result.returncode == 0, result.stdout + result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_trusts_one_proxy_for_the_client_address_and_development_none():
    assert _settings()["proxies"] == 1
    assert _settings(DEBUG="true", SECRET_KEY="")["proxies"] == 0
    assert _settings(TRUSTED_PROXY_COUNT="2")["proxies"] == 2
    assert _settings()["header"] is None
    assert _settings(TRUSTED_CLIENT_IP_HEADER="X-Real-IP")["header"] == "X-Real-IP"


def test_sqlite_write_transactions_queue_instead_of_failing(tmp_path):
    sqlite = _settings(DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}")["database"]
    assert sqlite == {"transaction_mode": "IMMEDIATE", "timeout": 20}
    postgres = _settings(DATABASE_URL="postgres://netzwerk:x@127.0.0.1:5432/netzwerk")["database"]
    assert "transaction_mode" not in postgres
