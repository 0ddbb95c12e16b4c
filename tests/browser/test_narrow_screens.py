"""On a phone (375 px wide) the pages with tables scroll inside the table, not sideways."""

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from tests.factories import ContactFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

PHONE = {"width": 375, "height": 812}


def _assert_fits(show, url, assert_accessible):
    response = show(url)
    assert response.status_code == 200
    show.page.set_viewport_size(PHONE)
    assert show.page.locator("main table").count(), f"no table on {url}"
    width = show.page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{url} is {width} px wide on a {PHONE['width']} px screen"
    # A table that scrolls must be reachable by keyboard (axe: scrollable-region-focusable).
    assert_accessible(show.page)


def test_contacts_table_fits_a_phone(
    partner_org, representative, client_as, served_by, assert_accessible
):
    for number in range(3):
        ContactFactory(
            organisation=partner_org,
            name=f"Maximiliane Mustermann-Schulze {number}",
            function="Geschäftsführende Vorstandsvorsitzende",
            email=f"maximiliane.mustermann-schulze-{number}@nachbarschaft-linden.example.org",
        )
    _assert_fits(served_by(client_as("representative")), "/mein-netzwerk/", assert_accessible)


def test_coordination_tables_fit_a_phone(
    partner_org, coordinator, client_as, served_by, assert_accessible
):
    for number in range(3):
        OrganisationFactory(
            name=f"Bürgerinitiative Lebenswertes Vahrenwald-List {number}",
            joined_on=timezone.localdate(),
            recruited_by=partner_org,
        )
    DBTaskResult.objects.create(
        status="FAILED",
        args_kwargs={
            "args": [
                [
                    {
                        "to": ["maximiliane.mustermann-schulze@nachbarschaft-linden.example.org"],
                        "subject": "Einladung zum Netzwerktreffen im Freizeitheim Vahrenwald",
                    }
                ]
            ],
            "kwargs": {},
        },
        task_path="core.tasks.deliver_mail",
        queue_name="mail",
        backend_name="database",
        run_after=timezone.now(),
        finished_at=timezone.now(),
    )
    show = served_by(client_as("coordinator"))
    _assert_fits(show, "/koordination/", assert_accessible)
    assert show.page.locator("main table").count() == 2  # new partners and failed mail
