"""A part of a shared page that names the apps it `depends` on is kept until one of
them is written (core/fragments.py): if it read a table of an app it does not name, a
write there would leave it stale. Here each such part of the demo network — where
every panel and section has rows to show — is rendered with the SQL it sends recorded,
and every table it reads must belong to an app it names.
"""

import re

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from core import fragments, registry
from core.roles import get_roles

READ = re.compile(r'(?:FROM|JOIN)\s+"(\w+)"', re.IGNORECASE)

pytestmark = pytest.mark.django_db


def _request(user):
    request = RequestFactory().get("/")
    request.user = user
    roles = get_roles(user)
    # The roles are read before the part: the page has read them already.
    roles.is_coordinator, roles.may_read_coordination, roles.organisations  # noqa: B018
    return request


def _undeclared_reads(parts):
    """{(template, app)} of tables read by a part's render that its `depends` does not
    name; and how many parts were checked."""
    tables = fragments._tables()
    undeclared, checked = set(), 0
    for part in parts:
        if not part.get("depends"):
            continue
        checked += 1
        with CaptureQueriesContext(connection) as queries:
            html = render_to_string(part["template"], {"panel": part, "section": part})
        assert html.strip(), part["template"]
        named = set(part["depends"].split())
        for query in queries:
            for table in READ.findall(query["sql"]):
                app = tables.get(table)
                if app is not None and app not in named and app not in fragments.IGNORED:
                    undeclared.add((part["template"], app))
    return undeclared, checked


@pytest.mark.parametrize("visitor", ["coordinator", "speaker"])
def test_every_coordination_panel_names_the_apps_it_reads(demo_network, visitor):
    user = demo_network.users["coordinator"] if visitor == "coordinator" else _speaker()
    assert get_roles(user).may_read_coordination
    panels = registry.collect("coordination_panels", _request(user))
    undeclared, checked = _undeclared_reads(panels)
    assert checked >= (9 if visitor == "coordinator" else 5)
    assert undeclared == set()


def test_every_home_and_profile_section_names_the_apps_it_reads(demo_network):
    anonymous = _request(demo_network.users["anonymous"] or _anonymous())
    undeclared, checked = _undeclared_reads(registry.collect("home_sections", anonymous))
    assert checked >= 3
    partner = demo_network.users["partner"]
    organisation = get_roles(partner).organisations[0]
    more, profile_checked = _undeclared_reads(
        registry.collect("profile_sections", anonymous, organisation)
    )
    assert profile_checked >= 3
    assert undeclared | more == set()


def _anonymous():
    from django.contrib.auth.models import AnonymousUser

    return AnonymousUser()


def _speaker():
    """A contact of an organisation in the speaker group who is no coordinator: reads
    /koordination/ without acting."""
    from core.roles import speaker_group_organisation_ids
    from partners.models import Contact

    contacts = Contact.objects.filter(
        organisation__in=speaker_group_organisation_ids(), user__isnull=False
    ).select_related("user")
    return next(c.user for c in contacts.order_by("pk") if not get_roles(c.user).is_coordinator)
