"""axe-core on the second demo network (`seed_demo --network=musterstadt`): another
city's network, with its own name, districts and agreement, served by the same code
(README, "Ein Netzwerk für eine andere Stadt"). A module of its own, because the two
demo networks cannot be loaded into one database at once."""

import pytest

from tests.browser.test_every_page_axe_demo import walk


@pytest.mark.django_db
def test_the_other_demo_networks_pages_have_no_axe_violations(
    other_demo_network, settings, served_by, assert_accessible, screenshot
):
    walk(other_demo_network, settings, served_by, assert_accessible, screenshot, shots={})
