"""Settings of the Netzwerk Bürgermitwirkung, read from environment variables.

Every variable is listed in `.env.example` and the README. Behaviour differs only
by environment values: there is no separate production settings module.
"""

from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)

SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY fehlt: Setzen Sie die Umgebungsvariable SECRET_KEY "
            "(mindestens 50 zufällige Zeichen) oder DEBUG=true für die Entwicklung."
        )
    SECRET_KEY = "django-insecure-nur-fuer-die-entwicklung"  # noqa: S105

# The seal of declarations and agreement versions (partners.seal, docs/security-seal.md):
# an HMAC key that lives only in the environment, never in the database. Old keys
# stay listed (comma-separated) so that what they sealed still verifies after rotation.
DECLARATION_SEAL_KEY = env.str("DECLARATION_SEAL_KEY", default="")
if not DECLARATION_SEAL_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DECLARATION_SEAL_KEY fehlt: Setzen Sie die Umgebungsvariable "
            "DECLARATION_SEAL_KEY (mindestens 32 zufällige Zeichen) oder DEBUG=true."
        )
    DECLARATION_SEAL_KEY = "nur-fuer-die-entwicklung-siegel"  # noqa: S105
elif len(DECLARATION_SEAL_KEY) < 32 and not DEBUG:
    raise ImproperlyConfigured("DECLARATION_SEAL_KEY ist zu kurz (mindestens 32 Zeichen).")
DECLARATION_SEAL_OLD_KEYS = env.list("DECLARATION_SEAL_OLD_KEYS", default=[])

ALLOWED_HOSTS = env.list(
    "ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"] if DEBUG else []
)
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000")

INSTALLED_APPS = [
    "core",
    "partners",
    "meetings",
    "elections",
    "workgroups",
    "posts",
    "materials",
    "oparl",
    "circulars",
    "netzwerk",
    "netzwerk.apps.NetzwerkAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "crispy_forms",
    "crispy_bootstrap5",
    "bootstrap",
    "django_filters",
    "simple_history",
    "django_tasks_db",
]

MIDDLEWARE = [
    # Outermost, so that a page served from the cache names the server that sent it.
    "core.middleware.ServedByMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # After a POST (or other unsafe request) no cached page is served (pagecache.py).
    "core.pagecache.InvalidateAfterWrites",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Anonymous visitors get a cached public page here, before sessions, auth and the
    # URLs are consulted (core/pageserve.py; the pages are chosen by core/pagecache.py).
    "core.pageserve.ServeCachedPages",
    # A page's fragments read each app's generation once per request (core/fragments.py).
    "core.fragments.ReadGenerationsOncePerRequest",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "core.locale.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
]

ROOT_URLCONF = "netzwerk.urls"
WSGI_APPLICATION = "netzwerk.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "core.context_processors.site",
            ],
        },
    },
]

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=0)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite: a write transaction takes the write lock when it begins, and waits up
    # to 20 s for it, so simultaneous writes queue instead of failing with
    # "database is locked" (a deferred transaction could not wait once it had read).
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"transaction_mode": "IMMEDIATE", "timeout": env.int("SQLITE_TIMEOUT", default=20)}
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache. The rate limits (ours and allauth's) live in it, so every worker must count
# in the same place. CACHE_URL (or REDIS_URL) = redis://… puts it in Redis through
# Django's own RedisCache (core/cache.py keeps one client per server instead of
# one per call), shared by every app server. Without it: files in CACHE_DIR, shared
# by the processes of this machine (core/cache.py makes add and incr atomic).
CACHE_URL = env.str("CACHE_URL", default="") or env.str("REDIS_URL", default="")
CACHE_DIR = env.path("CACHE_DIR", default=BASE_DIR / ".cache" / "netzwerk")
CACHES = {"default": env.cache_url_config(CACHE_URL or f"filecache://{CACHE_DIR}")}
CACHES["default"]["BACKEND"] = {
    "django.core.cache.backends.redis.RedisCache": "core.cache.RedisCache",
    "django.core.cache.backends.filebased.FileBasedCache": "core.cache.FileBasedCache",
}.get(CACHES["default"]["BACKEND"], CACHES["default"]["BACKEND"])
if not CACHE_URL:
    # Room for the rate limits of many clients and the cached pages. When the cache
    # is full, expired entries go first, then cached pages and panels, and only then
    # anything else (core/cache.py): pages never crowd out rate-limit counters.
    CACHES["default"].setdefault("OPTIONS", {})["MAX_ENTRIES"] = env.int(
        "CACHE_MAX_ENTRIES", default=20_000
    )
# The page cache (core/pagecache.py): public pages for anonymous visitors and the
# coordination panels of each role, kept in the default cache and never served after
# a committed change. On by default with Redis and with the file cache; a cache of
# one process (CACHE_URL=locmemcache://, dummycache://) cannot be shared, so there
# it stays off unless PAGE_CACHE=true. PAGE_CACHE_TIMEOUT bounds how long a page that
# depends on the clock (upcoming meetings, open votes) is served.
PAGE_CACHE = env.bool(
    "PAGE_CACHE",
    default=CACHES["default"]["BACKEND"]
    not in {
        "django.core.cache.backends.locmem.LocMemCache",
        "django.core.cache.backends.dummy.DummyCache",
    },
)
PAGE_CACHE_TIMEOUT = env.int("PAGE_CACHE_TIMEOUT", default=60)
# Sessions live in the database, so a login is honoured by every app server; with a
# cache shared by all servers they are read through it (cached_db). A cache of one
# process or one machine must not hold sessions: a logout would not reach the others.
SESSION_ENGINE = (
    "django.contrib.sessions.backends.cached_db"
    if CACHES["default"]["BACKEND"]
    not in {
        "django.core.cache.backends.locmem.LocMemCache",
        "django.core.cache.backends.dummy.DummyCache",
        "core.cache.FileBasedCache",
    }
    # Django's database sessions, read by a query compiled once (core/sessions.py).
    else "core.sessions"
)
# Rate limits see the client, not the reverse proxy: the number of proxies in front
# of the app that append the address they received to X-Forwarded-For (nginx's
# $proxy_add_x_forwarded_for, or one that overwrites it). The client address is the
# entry that many places from the right; entries further left are the client's own
# claims and are ignored. 0: no proxy, REMOTE_ADDR is the client (runserver).
# Or TRUSTED_CLIENT_IP_HEADER, e.g. X-Real-IP, if the proxy sets such a header.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0 if DEBUG else 1)
ALLAUTH_TRUSTED_PROXY_COUNT = TRUSTED_PROXY_COUNT
ALLAUTH_TRUSTED_CLIENT_IP_HEADER = env.str("TRUSTED_CLIENT_IP_HEADER", default="") or None
# Failed logins (allauth's defaults, stated here): ten a minute hold up that client
# address only; five in five minutes for one account (the e-mail address) hold up
# that account only — from every address, the price of stopping guessing spread
# over many addresses. A correct login does not count.
ACCOUNT_RATE_LIMITS = {"login_failed": "10/m/ip,5/5m/key"}
# Names this app server in the `X-Served-By` response header (empty: no header).
INSTANCE_NAME = env.str("INSTANCE_NAME", default="")

AUTH_USER_MODEL = "netzwerk.User"
AUTHENTICATION_BACKENDS = [
    # allauth's, reading the session's person faster (core/adapters.py). Sessions that
    # name allauth's own backend (from before 8 December 2026) log in again once.
    "core.adapters.AuthenticationBackend",
    "core.roles.CoordinatorBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"

# django-allauth: the e-mail address is the login, and it must be verified.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGOUT_REDIRECT_URL = "home"
# The subject prefix is the network's name (NetworkSettings.brand): core.mail.subject_prefix.
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Netzwerk Bürgermitwirkung] "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "http" if DEBUG else "https"
ACCOUNT_ADAPTER = "core.adapters.AccountAdapter"
MFA_ADAPTER = "core.adapters.MFAAdapter"

# Second factor (django-allauth's MFA): an authenticator app (TOTP), security keys
# and passkeys (WebAuthn), and one-time recovery codes. Coordinators and admin users
# (superusers, staff) hold the record's powers only once they have a second factor
# (core.roles); everyone else may set one up. On by default whenever DEBUG is off;
# `make run` (DEBUG on) keeps the demo logins password-only (docs/security-mfa.md).
MFA_REQUIRED_FOR_COORDINATORS = env.bool("MFA_REQUIRED_FOR_COORDINATORS", default=not DEBUG)
MFA_SUPPORTED_TYPES = ["totp", "webauthn", "recovery_codes"]
MFA_PASSKEY_LOGIN_ENABLED = True
# The TOTP issuer (the name authenticator apps show) is the network's: MFAAdapter.
# A code of the period just before or after counts too: phones' clocks drift, and a code
# typed at the end of its 30 seconds arrives in the next.
MFA_TOTP_TOLERANCE = 1
# Browsers offer WebAuthn only on https or http://localhost: allowed for development.
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = DEBUG

# Background tasks (e-mail). The database backend keeps queued mail until a worker
# (`manage.py db_worker`) sends it; the immediate backend runs tasks in the request.
TASKS_BACKEND = env.str(
    "TASKS_BACKEND",
    default="django.tasks.backends.immediate.ImmediateBackend"
    if DEBUG
    else "django_tasks_db.DatabaseBackend",
)
TASKS = {"default": {"BACKEND": TASKS_BACKEND, "QUEUES": ["default", "mail"]}}
# Circulars (docs/circulars.md): the worker sends at most this many circular mails a
# minute, in batches a minute apart, so the mail server's limits are kept.
CIRCULAR_MAILS_PER_MINUTE = env.int("CIRCULAR_MAILS_PER_MINUTE", default=120)

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"
# The record is corrected, never reverted (core.admin.HistoryAdmin refuses it too).
SIMPLE_HISTORY_REVERT_DISABLED = True

LANGUAGE_CODE = "de"
LANGUAGES = [("de", _("Deutsch")), ("en", _("Englisch"))]
# locale/: the English catalog of our own strings (German in the source), kept by
# `make messages`; locale_overrides/: our wording for a few texts of Django and
# django-allauth in both languages (edited by hand; earlier paths take precedence,
# and both over the installed apps' catalogs).
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale_overrides"]
# Our date formats per language (core/formats/<lang>/formats.py) before Django's.
FORMAT_MODULE_PATH = ["core.formats"]
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_MEMORY_SIZE = 10_485_760

EMAIL_CONFIG = env.email_url(
    "EMAIL_URL", default="consolemail://" if DEBUG else "smtp://localhost:25"
)
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str(
    "DEFAULT_FROM_EMAIL", default="Netzwerk Bürgermitwirkung <netzwerk@example.org>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL
COORDINATORS_EMAIL = env.list("COORDINATORS_EMAIL", default=[])

# Security: safe defaults whenever DEBUG is off.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=60 * 60 * 24 * 14)
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="WARNING")},
}
