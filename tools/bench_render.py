"""Fresh-render times, in-process: each page rendered by Django's full request stack
(middleware, view, templates), twice over. Cold: page cache, data and fragments off —
what the first visitor after a write to the page's own data gets. After a write
elsewhere: the page cache forgot every page (as after any write), the fragments of
data nobody wrote are kept (core/fragments.py). DEBUG is off (cached template loader,
no query log). Prints one JSON line: {label: {"path", "median_ms", "p90_ms",
"cpu_median_ms", "after_write_median_ms", "status"}}.

Run by tools/bench.py inside the benchmark's environment; alone:

    DATABASE_URL=postgres://…/netzwerk_bench python tools/bench_render.py [--rounds 40]
"""

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "netzwerk.settings")
os.environ["PAGE_CACHE"] = "false"
os.environ.setdefault("DEBUG", "false")
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")


def pages():
    """(label, path, user or None) of every page the benchmark measures."""
    from django.contrib.auth import get_user_model
    from django.urls import reverse
    from django.utils import timezone

    from elections.models import Election
    from meetings.models import Invitation
    from partners.models import Organisation

    User = get_user_model()
    partner = Organisation.objects.active().order_by("name").first()
    election = Election.objects.order_by("-pk").first()
    coordinator = with_second_factor(User.objects.get(email="koordination@example.org"))
    # A representative of a partner invited to the next meeting: the partner area as
    # a partner sees it, with an open invitation.
    invitation = (
        Invitation.objects.filter(
            meeting__start__gte=timezone.now(), organisation__in=Organisation.objects.active()
        )
        .order_by("meeting__start", "pk")
        .first()
    )
    representative = None
    if invitation is not None:
        contact = (
            invitation.organisation.contacts.representatives()
            .filter(user__isnull=False)
            .order_by("pk")
            .first()
        )
        representative = contact and contact.user
    result = [
        ("ceiling (trivial view)", reverse("health"), None),
        ("/", reverse("home"), None),
        ("/partner/", reverse("partners:list"), None),
        ("/partner/?q=…", reverse("partners:list") + "?q=Nachbarschaft", None),
        ("partner profile", reverse("partners:detail", kwargs={"slug": partner.slug}), None),
        ("/treffen/", reverse("meetings:list"), None),
        ("/treffen/kalender.ics", reverse("meetings:calendar"), None),
        ("/sprechergruppe/", reverse("elections:speaker_group"), None),
        ("/wahlen/<id>/", reverse("elections:detail", kwargs={"pk": election.pk}), None),
        ("/aktuelles/", reverse("posts:list"), None),
        ("/aktuelles/feed/", reverse("posts:feed"), None),
        ("/arbeitsgruppen/", reverse("workgroups:list"), None),
        ("/oparl/ (System)", reverse("oparl:system"), None),
    ]
    result += [
        (f"/oparl/…/{kind}/", reverse("oparl:list", kwargs={"key": "netzwerk", "kind": kind}), None)
        for kind in ("organization", "person", "meeting", "agendaitem", "file", "membership")
    ]
    result += [
        ("/koordination/", reverse("coordination"), coordinator),
        ("/konto/", reverse("account_overview"), coordinator),
        ("admin partner list", reverse("admin:partners_organisation_changelist"), coordinator),
    ]
    if representative is not None:
        result += [
            ("/mein-netzwerk/", reverse("partners:my_network"), representative),
            (
                "meeting as partner",
                reverse("meetings:detail", kwargs={"pk": invitation.meeting_id}),
                representative,
            ),
            ("/konto/ (partner)", reverse("account_overview"), representative),
        ]
    return result


def with_second_factor(user):
    """Coordinators need a second factor (MFA_REQUIRED_FOR_COORDINATORS, on in
    production): give the demo coordinator an authenticator app if it has none, or
    every coordination page would be a redirect to setting one up."""
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(user, generate_totp_secret())
    return user


def sessions():
    """The pages with a session key for each logged-in one, for wrk's cookie."""
    import django

    django.setup()
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    keys = {}
    result = []
    for label, path, user in pages():
        if user is not None and user.pk not in keys:
            session = SessionStore()
            session[SESSION_KEY] = str(user.pk)
            session[BACKEND_SESSION_KEY] = "core.adapters.AuthenticationBackend"
            session[HASH_SESSION_KEY] = user.get_session_auth_hash()
            session.save()
            keys[user.pk] = session.session_key
        result.append({"page": label, "path": path, "session": user and keys[user.pk]})
    return result


def measure(rounds, only=None):
    import django

    django.setup()
    from django.conf import settings
    from django.test import Client

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    results = {}
    for label, path, user in pages():
        if only and not any(part in label for part in only):
            continue
        client = Client()
        if user is not None:
            client.force_login(user, backend="core.adapters.AuthenticationBackend")
        settings.PAGE_CACHE = False
        times, cpu_times, status = _renders(client, path, rounds)
        # The first visitor after a write to other data: the page cache forgot every
        # page, the fragments of data nobody wrote are still there (core/fragments.py).
        settings.PAGE_CACHE = True
        after_write, _cpu, _status = _renders(client, path, rounds, before=_write_elsewhere)
        results[label] = {
            "path": path,
            "median_ms": round(statistics.median(times), 2),
            "p90_ms": round(times[int(len(times) * 0.9) - 1], 2),
            # This process's CPU time alone (templates, ORM, middleware; not the
            # database server's): steadier than the wall clock on a busy machine.
            "cpu_median_ms": round(statistics.median(cpu_times), 2),
            "after_write_median_ms": round(statistics.median(after_write), 2),
            "status": status,
        }
    return results


def _write_elsewhere():
    """What a committed write to data no measured page shows does to the caches: the
    page cache forgets every page, and that app's generation moves (core/fragments.py)."""
    from core import fragments, pagecache

    pagecache.invalidate()
    fragments.bump("bench_elsewhere")


def _renders(client, path, rounds, before=None):
    """(wall ms sorted, CPU ms, last status) of `rounds` requests after three to warm up."""
    times, cpu_times = [], []
    status = None
    for index in range(rounds + 3):
        if before is not None:
            before()
        start, cpu_start = time.perf_counter(), time.process_time()
        response = client.get(path)
        elapsed = (time.perf_counter() - start) * 1000
        cpu = (time.process_time() - cpu_start) * 1000
        status = response.status_code
        if index >= 3:  # the first renders warm the template cache (and the fragments)
            times.append(elapsed)
            cpu_times.append(cpu)
    times.sort()
    return times, cpu_times, status


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=40)
    parser.add_argument(
        "--sessions", action="store_true", help="print the pages and session keys instead"
    )
    parser.add_argument(
        "--only", nargs="*", help="measure only the pages whose label contains one of these"
    )
    args = parser.parse_args()
    print(json.dumps(sessions() if args.sessions else measure(args.rounds, args.only)))


if __name__ == "__main__":
    main()
