"""The accessibility sweeps over the demo network, where pages show their full states.

The permission matrix's sweeps (tests/test_html_validity.py, tests/browser/
test_every_page_axe.py) see each page with the few objects the test fixtures make; the
demo network (`seed_demo`) has years of meetings, held and planned, elections in every
stage, working groups, posts, and an organisation in every state of its lifecycle. The
`demo_network` fixture (tests/conftest.py) seeds it once per module; `crawl` walks it
as each visitor would, following the links pages show, and returns each kind of page
(a named URL) a few times in all: enough to see its states, few enough to stay quick;
each visitor's own account and organisation pages are always seen.
"""

from collections import deque
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

from django.urls import Resolver404, resolve, reverse

# Who walks the demo: the roles of the matrix, and a contact of an organisation in each
# state between applying and leaving (partners/standing.py; logins in partners/demo.py).
VISITORS = {
    "coordinator": "koordination@example.org",
    "partner": "partner@example.org",
    "anonymous": None,
    "stranger": "gast@example.org",
    "pending": "bewerbung@example.org",
    "rejected": "abgelehnt@example.org",
    "exit_declared": "austritt@example.org",
    "left": "ausgetreten@example.org",
}

# Pages of each kind to see per visitor: a held and a planned meeting, an open and a
# published election … without walking every one of the demo's pages.
PER_KIND = 2

# Not our markup (Django's admin), not pages (files, feeds), or leaving the session.
SKIPPED_PREFIXES = ("/admin/", "/static/", "/media/", "/i18n/")
SKIPPED_VIEWS = {"account_logout"}


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            href = dict(attrs).get("href")
            if href:
                self.links.append(href)


def links_of(url, html):
    parser = _Links()
    parser.feed(html)
    for href in parser.links:
        target = urlsplit(urljoin(f"http://testserver{url}", href))
        if target.netloc != "testserver" or target.scheme not in ("http", "https"):
            continue
        yield target.path + (f"?{target.query}" if target.query else "")


def _kind(url):
    path = urlsplit(url).path
    if path.startswith(SKIPPED_PREFIXES):
        return None
    try:
        match = resolve(path)
    except Resolver404:
        return None
    if match.view_name in SKIPPED_VIEWS:
        return None
    return match.view_name


def start_pages(visitor):
    """Where a visitor starts: the home page, and their account and organisation."""
    pages = ["/"]
    if visitor != "anonymous":
        pages += [
            reverse("account_overview"),
            reverse("partners:my_network"),
            reverse("partners:join"),
        ]
    if visitor == "coordinator":
        pages.append(reverse("coordination"))
    return pages


def crawl(fetch, visitor, *, seen, per_kind=PER_KIND):
    """Yield (url, response) for each HTML page (200) the visitor reaches by links.

    `fetch(url)` gets a page (a test client's `get`, or `served_by`'s `show`). `seen`
    counts the pages of each kind already checked, shared by all visitors: a kind
    that others saw often enough is skipped, except the visitor's start pages (their
    account and organisation, which show where they stand).
    """
    seen_urls = set()
    starts = start_pages(visitor)
    queue = deque(starts)
    while queue:
        url = queue.popleft()
        if url in seen_urls:
            continue
        seen_urls.add(url)
        kind = _kind(url)
        if kind is None or (url not in starts and seen[kind] >= per_kind):
            continue
        response = fetch(url)
        if response.status_code != 200 or not response.get("Content-Type", "").startswith(
            "text/html"
        ):
            continue
        seen[kind] += 1
        yield url, response
        queue.extend(links_of(url, response.content.decode()))


# Each visitor's own pages that say where they stand: a sweep must have checked them.
STATE_PAGES = {
    "pending": ["/konto/", "/mitmachen/bestaetigung/"],
    "rejected": ["/konto/", "/mein-netzwerk/"],
    "exit_declared": ["/konto/", "/mein-netzwerk/"],
    "left": ["/konto/", "/mein-netzwerk/"],
    "stranger": ["/konto/", "/mein-netzwerk/"],
}


def missing_state_pages(checked):
    """The state pages (visitor, url) a sweep did not check; `checked` holds such pairs."""
    return [
        (visitor, url)
        for visitor, urls in STATE_PAGES.items()
        for url in urls
        if (visitor, url) not in checked
    ]
