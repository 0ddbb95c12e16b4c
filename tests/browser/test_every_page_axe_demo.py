"""axe-core (WCAG 2.1 AA) on the demo network, where pages show their full states.

tests/browser/test_every_page_axe.py checks the permission matrix's pages over the
test fixtures; this walks the demo network (`seed_demo`) as each visitor would — the
roles, and a contact of an organisation in each state between applying and leaving —
and checks each kind of page a few times (tests/demo_sweep.py). The demo shows what
the fixtures never render, such as the list of past meetings on /treffen/.
"""

from collections import Counter

import pytest
from django.test import Client

from tests.demo_sweep import VISITORS, crawl, missing_state_pages


@pytest.mark.django_db
def test_demo_pages_have_no_axe_violations(
    demo_network, settings, served_by, assert_accessible, screenshot
):
    walk(demo_network, settings, served_by, assert_accessible, screenshot)


def walk(network, settings, served_by, assert_accessible, screenshot, shots=None):
    shots = STATE_SCREENSHOTS if shots is None else shots
    settings.MEDIA_ROOT = network.media_root
    seen = Counter()
    checked = set()
    failures = []
    for visitor in VISITORS:
        client = Client()
        if network.users[visitor] is not None:
            client.force_login(network.users[visitor])
        show = served_by(client)
        for url, _response in crawl(show, visitor, seen=seen):
            try:
                assert_accessible(show.page, best_practice=True)
            except AssertionError as error:
                failures.append(f"as {visitor}: {error}")
            checked.add((visitor, url))
            if visitor in shots and url == "/konto/":
                screenshot(show.page, shots[visitor])
    assert len(checked) > 50
    assert not missing_state_pages(checked)
    assert not failures, "\n\n".join(failures)


# Where each state's contact stands, as /konto/ shows it on the demo (docs/journey.md).
STATE_SCREENSHOTS = {
    "rejected": "demo-konto-abgelehnt",
    "exit_declared": "demo-konto-austritt-erklaert",
    "left": "demo-konto-ausgetreten",
}
