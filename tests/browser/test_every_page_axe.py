"""axe-core (WCAG 2.1 AA and axe's best practices) on every page every role can open.

The pages are the permission matrix's GET rows with an expected 200, so a new page
is checked as soon as it has its row. Django's own admin is left out: its markup is
Django's, not ours. The same pages over the demo network, with their full states:
test_every_page_axe_demo.py.
"""

import pytest
from django.urls import reverse

from tests.matrix import ROLES, all_rows


def _pages(world, role):
    for row in all_rows():
        if row.method != "get" or row.expected[role] != 200 or row.name.startswith("admin:"):
            continue
        kwargs = row.resolve_kwargs(world)
        url = (
            reverse(row.name, args=kwargs["args"])
            if "args" in kwargs
            else reverse(row.name, kwargs=kwargs)
        )
        yield url + row.query


@pytest.mark.parametrize("role", ROLES)
def test_every_page_has_no_axe_violations(role, world, client_as, served_by, assert_accessible):
    show = served_by(client_as(role))
    checked = 0
    failures = []
    for url in _pages(world, role):
        response = show(url)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        try:
            assert_accessible(show.page, best_practice=True)
        except AssertionError as error:
            failures.append(str(error))
        checked += 1
    assert checked, f"no pages checked for {role}"
    assert not failures, "\n\n".join(failures)
