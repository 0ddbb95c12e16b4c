"""Every kind of HTML page passes the Nu Html Checker on the demo network too.

tests/test_html_validity.py checks the permission matrix's pages over the test
fixtures; here the same checker reads the pages the demo network (`seed_demo`) shows
each visitor, with their full states: years of meetings, elections in every stage, and
a contact of an organisation in each state (tests/demo_sweep.py).
"""

from collections import Counter

import pytest
from django.test import Client

from tests.demo_sweep import VISITORS, crawl, missing_state_pages
from tests.test_html_validity import _checker, checker_errors


@pytest.mark.django_db
def test_demo_pages_are_valid_html(demo_network, settings, tmp_path):
    java = _checker()
    settings.MEDIA_ROOT = demo_network.media_root
    folder = tmp_path / "pages"
    folder.mkdir()
    pages = {}
    seen = Counter()
    checked = set()
    for visitor in VISITORS:
        client = Client()
        if demo_network.users[visitor] is not None:
            client.force_login(demo_network.users[visitor])
        for url, response in crawl(client.get, visitor, seen=seen):
            path = folder / f"{len(pages):04d}.html"
            path.write_bytes(response.content)
            pages[path.name] = f"{url} (as {visitor})"
            checked.add((visitor, url))
    assert len(pages) > 50, pages
    assert not missing_state_pages(checked)
    errors = checker_errors(java, folder, pages, timeout=600)
    assert not errors, f"{len(errors)} HTML errors on the demo network:\n" + "\n".join(errors[:60])
