"""Cross-instance checks of `make cluster`, over HTTPS through nginx only.

Every response of an app server names it in `X-Served-By`; nginx spreads the
requests round robin, so consecutive requests land on different app servers. The
checks:

(a) a login made on one app server is honoured by the other;
(b) a post published through one app server is on the public pages of every other
    at once (no stale per-process cache);
(c) a ballot cast through one app server is refused when repeated through another
    (skipped with a note while the elections app has no URLs);
(d) an invitation sent through the web is delivered by the task worker;
(e) nginx serves /static/ itself.

Exit status 0 when all pass. Usage (normally called by run.py):
python tools/cluster/check.py --base-url https://127.0.0.1:8443 --cafile cert.pem \
    --worker-mail DIR --app-mail DIR
"""

import argparse
import email
import email.policy
import html
import http.cookiejar
import re
import ssl
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

COORDINATOR = ("koordination@example.org", "demo-passwort")
PARTNER = ("partner@example.org", "demo-passwort")
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Browser:
    """A client with its own cookies that does not follow redirects."""

    def __init__(self, base_url, context):
        self.base_url = base_url
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPSHandler(context=context),
            urllib.request.HTTPCookieProcessor(self.cookies),
            NoRedirect,
        )

    def request(self, path, data=None):
        url = urllib.parse.urljoin(self.base_url, path)
        body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
        request = urllib.request.Request(url, data=body)  # noqa: S310 - https only
        if body is not None:
            # Django's CSRF check over HTTPS wants a same-origin Referer.
            request.add_header("Referer", url)
        try:
            response = self.opener.open(request, timeout=30)
        except urllib.error.HTTPError as error:  # 3xx (not followed), 4xx, 5xx
            response = error
        with response:
            text = response.read().decode("utf-8", "replace")
            return response.status, dict(response.headers.items()), text

    def get(self, path):
        return self.request(path)

    def post(self, path, data, *, form_path=None):
        """GET the form page for its CSRF token, then POST `data` to `path`."""
        status, _, text = self.get(form_path or path)
        match = CSRF.search(text)
        if status != 200 or match is None:
            raise CheckFailed(f"{form_path or path}: kein Formular (HTTP {status})")
        return self.request(path, {"csrfmiddlewaretoken": match.group(1), **data})

    def login(self, address, password):
        status, headers, _ = self.post("/konto/login/", {"login": address, "password": password})
        if status != 302:
            raise CheckFailed(f"Anmeldung als {address} fehlgeschlagen (HTTP {status})")
        return headers.get("X-Served-By")


class CheckFailed(Exception):
    pass


def served_by(headers):
    return headers.get("X-Served-By", "?")


def check_login(base_url, context, instances):
    browser = Browser(base_url, context)
    login_server = browser.login(*COORDINATOR)
    servers = set()
    for _ in range(2 * instances + 2):
        status, headers, _ = browser.get("/koordination/")
        if status != 200:
            raise CheckFailed(
                f"/koordination/ auf {served_by(headers)}: HTTP {status} statt 200 "
                f"(Anmeldung auf {login_server})"
            )
        servers.add(served_by(headers))
    if len(servers) < instances:
        raise CheckFailed(f"Nur {sorted(servers)} haben geantwortet; erwartet {instances} Server")
    return f"angemeldet auf {login_server}, /koordination/ mit 200 von {', '.join(sorted(servers))}"


def check_publish(base_url, context, instances):
    coordinator = Browser(base_url, context)
    coordinator.login(*COORDINATOR)
    status, _, text = coordinator.get("/aktuelles/moderation/")
    slugs = re.findall(r'href="/aktuelles/([\w-]+)/veroeffentlichen/"', text)
    if status != 200 or not slugs:
        raise CheckFailed("Kein eingereichter Beitrag in /aktuelles/moderation/")
    slug = slugs[0]
    link = f'href="/aktuelles/{slug}/"'
    visitor = Browser(base_url, context)
    # Every server renders the public pages once before, so a per-process cache
    # would now hold the old lists.
    for _ in range(2 * instances):
        for path in ("/aktuelles/", "/"):
            status, headers, text = visitor.get(path)
            if status != 200 or link in text:
                raise CheckFailed(f"{path} vor dem Veröffentlichen: HTTP {status}")
    publish = f"/aktuelles/{slug}/veroeffentlichen/"
    status, headers, _ = coordinator.post(publish, {})
    if status != 302:
        raise CheckFailed(f"Veröffentlichen: HTTP {status}")
    publisher = served_by(headers)
    servers = set()
    for _ in range(2 * instances):
        for path in ("/aktuelles/", "/", f"/aktuelles/{slug}/"):
            status, headers, text = visitor.get(path)
            servers.add(served_by(headers))
            if status != 200 or (path != f"/aktuelles/{slug}/" and link not in text):
                raise CheckFailed(
                    f"{path} von {served_by(headers)} zeigt den auf {publisher} "
                    f"veröffentlichten Beitrag nicht (HTTP {status})"
                )
    return (
        f"„{slug}“ auf {publisher} veröffentlicht, sofort sichtbar auf {', '.join(sorted(servers))}"
    )


def check_ballot(base_url, context, instances):
    visitor = Browser(base_url, context)
    status, _, _ = visitor.get("/wahlen/")
    if status == 404:
        return None
    voter = Browser(base_url, context)
    voter.login(*PARTNER)
    _, _, text = voter.get("/wahlen/")
    elections = sorted(set(re.findall(r'href="/wahlen/(\d+)/"', text)), key=int, reverse=True)
    for pk in elections:
        ballot = f"/wahlen/{pk}/stimmzettel/"
        status, _, text = voter.get(ballot)
        choices = re.findall(r'name="choices" value="(\d+)"', text)
        token = CSRF.search(text)
        if status != 200 or not choices or token is None:
            continue
        data = {"csrfmiddlewaretoken": token.group(1), "choices": choices[:1]}
        status, headers, _ = voter.request(ballot, data)
        first = served_by(headers)
        location = headers.get("Location", "")
        if status != 302 or location.endswith("/stimmzettel/"):
            raise CheckFailed(f"Stimmabgabe auf {first} nicht angenommen (HTTP {status})")
        refused_on = set()
        for _ in range(instances):
            status, headers, _ = voter.request(ballot, data)
            server = served_by(headers)
            if status != 302 or not headers.get("Location", "").endswith("/stimmzettel/"):
                raise CheckFailed(
                    f"Zweite Stimmabgabe auf {server} nicht abgewiesen (HTTP {status}, "
                    f"{headers.get('Location')})"
                )
            refused_on.add(server)
        _, _, text = voter.get(ballot)
        if "bereits" not in text or 'name="choices"' in text:
            raise CheckFailed("Der Stimmzettel bietet nach der Stimmabgabe weiter Stimmen an")
        if not refused_on - {first}:
            raise CheckFailed(f"Wiederholung lief nur auf {first}")
        return f"Stimme auf {first} abgegeben, Wiederholung abgewiesen auf {', '.join(sorted(refused_on))}"
    raise CheckFailed(f"{PARTNER[0]} findet keine offene Wahl mit Stimmzettel")


def _mails(directory):
    for path in sorted(Path(directory).glob("*.log")):
        for chunk in path.read_bytes().split(b"-" * 79):
            if chunk.strip():
                yield email.message_from_bytes(chunk.lstrip(b"\r\n"), policy=email.policy.default)


def check_invitation(base_url, context, worker_mail, app_mail):
    coordinator = Browser(base_url, context)
    coordinator.login(*COORDINATOR)
    _, _, text = coordinator.get("/treffen/")
    meetings = {
        int(pk): html.unescape(title.strip())
        for pk, title in re.findall(r'<a href="/treffen/(\d+)/">([^<]+)</a>', text)
    }
    for pk in sorted(meetings, reverse=True):
        path = f"/treffen/{pk}/einladen/"
        started = time.monotonic()
        status, headers, _ = coordinator.post(path, {})
        took = time.monotonic() - started
        if status == 302 and headers.get("Location", "").endswith("/rueckmeldungen/"):
            break
    else:
        raise CheckFailed("Zu keinem Treffen ließ sich eine Einladung senden")
    title = meetings[pk]
    server = served_by(headers)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        delivered = [m for m in _mails(worker_mail) if title in str(m["subject"])]
        if delivered:
            break
        time.sleep(0.5)
    else:
        raise CheckFailed(f"Der Worker hat die Einladung zu „{title}“ nicht zugestellt")
    if any(title in str(m["subject"]) for m in _mails(app_mail)):
        raise CheckFailed("Ein App-Server hat selbst Mail verschickt statt sie einzureihen")
    time.sleep(2)  # the worker delivers in batches; count once it is done
    count = sum(1 for m in _mails(worker_mail) if title in str(m["subject"]))
    return (
        f"Einladung zu „{title}“ auf {server} in {took:.2f} s verschickt; "
        f"der Worker hat {count} Mails zugestellt"
    )


def check_static(base_url, context):
    browser = Browser(base_url, context)
    _, _, text = browser.get("/")
    match = re.search(r'href="(/static/[^"]+\.css)"', text)
    if match is None:
        raise CheckFailed("Keine Stilvorlage auf /")
    status, headers, _ = browser.get(match.group(1))
    if status != 200 or "X-Served-By" in headers:
        raise CheckFailed(f"{match.group(1)}: HTTP {status}, von {served_by(headers)}")
    return f"{match.group(1)} kommt von nginx"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--base-url", required=True)
    parser.add_argument("--cafile", required=True)
    parser.add_argument("--worker-mail", required=True)
    parser.add_argument("--app-mail", required=True)
    parser.add_argument("--instances", type=int, default=2)
    args = parser.parse_args()
    context = ssl.create_default_context(cafile=args.cafile)

    checks = [
        ("(a) Anmeldung gilt auf jedem App-Server", check_login, (args.instances,)),
        ("(b) Veröffentlichung sofort überall sichtbar", check_publish, (args.instances,)),
        ("(c) Stimme nur einmal, über Server hinweg", check_ballot, (args.instances,)),
        (
            "(d) Einladung über den Task-Worker zugestellt",
            check_invitation,
            (args.worker_mail, args.app_mail),
        ),
        ("(e) nginx liefert /static/ selbst", check_static, ()),
    ]
    failures = 0
    for label, function, extra in checks:
        try:
            result = function(args.base_url, context, *extra)
        except (CheckFailed, OSError) as error:
            failures += 1
            print(f"FEHLER  {label}: {error}", flush=True)
            continue
        if result is None:
            print(f"ÜBERSPRUNGEN  {label}: /wahlen/ gibt es noch nicht (Wahlen-App)", flush=True)
        else:
            print(f"OK      {label}: {result}", flush=True)
    print(
        "Alle Prüfungen bestanden." if not failures else f"{failures} Prüfung(en) fehlgeschlagen."
    )
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
