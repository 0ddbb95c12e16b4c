"""On a phone (375 px wide) election and member tables scroll inside the table, not sideways."""

import pytest

from tests.elections.factories import candidate, published_election
from tests.workgroups.factories import member_group

pytestmark = pytest.mark.django_db

PHONE = {"width": 375, "height": 812}
LONG_NAMES = [
    "Bürgerinitiative Lebenswertes Vahrenwald-List und Umgebung",
    "Arbeitsgemeinschaft Nachbarschaftshilfe Kirchrode-Bemerode-Wülferode",
    "Förderverein Generationenübergreifendes Wohnen Ahlem-Badenstedt-Davenstedt",
]


def _assert_fits(page, url, assert_accessible):
    page.set_viewport_size(PHONE)
    page.goto(url)
    assert page.locator("main table").count(), f"no table on {url}"
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{url} is {width} px wide on a {PHONE['width']} px screen"
    # A table that scrolls must be reachable by keyboard (axe: scrollable-region-focusable).
    assert_accessible(page)


def test_election_and_member_tables_fit_a_phone(
    page, live_server, login, coordinator, assert_accessible
):
    candidates = [candidate(name) for name in LONG_NAMES]
    election = published_election(
        coordinator,
        candidates,
        title="Wahl der Sprechergruppe für die Amtszeit 2026 bis 2028 (Nachwahl)",
    )
    group = member_group(
        lead=candidates[0][0],
        members=[o for o, _user in candidates[1:]],
        name="Digitale Beteiligung",
        slug="digitale-beteiligung",
    )
    login(page, coordinator)
    for path in [
        "/wahlen/",
        election.get_absolute_url(),
        f"/arbeitsgruppen/{group.slug}/mitglieder/",
    ]:
        _assert_fits(page, f"{live_server.url}{path}", assert_accessible)
