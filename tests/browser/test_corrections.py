"""A coordinator corrects a final resolution in the browser; everyone sees the original.

The data lie in the past on any day the suite runs (no clock is set: Chromium keeps
its own clock for the session cookie).
"""

import pytest
from django.urls import reverse

from meetings.models import Resolution
from tests.factories import OrganisationFactory
from tests.meetings.factories import AgendaItemFactory, berlin
from tests.meetings.factories import held_meeting as _held

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def final_resolution(db):
    organisations = [OrganisationFactory() for _ in range(30)]
    spring = _held(
        berlin(2026, 3, 12), organisations=organisations, title="Netzwerktreffen im Frühjahr"
    )
    item = AgendaItemFactory(meeting=spring, title="Leitbild", is_public=True)
    resolution = Resolution.objects.create(
        agenda_item=item,
        text="Das Netzwerk beschließt sein Leitbild.",
        votes_yes=25,
        votes_no=0,
        votes_abstain=2,
        is_public=True,
    )
    summer = _held(
        berlin(2026, 6, 18), organisations=organisations, title="Netzwerktreffen im Sommer"
    )
    AgendaItemFactory(
        meeting=summer, title="Protokoll des Frühjahrstreffens", approves_minutes_of=spring
    )
    assert resolution.is_final()
    return resolution


def test_coordinator_corrects_a_final_resolution_and_the_original_stays_visible(
    page, live_server, login, coordinator, final_resolution, assert_accessible, screenshot
):
    meeting = final_resolution.agenda_item.meeting
    page.set_viewport_size({"width": 1280, "height": 900})
    login(page, coordinator)
    page.goto(live_server.url + meeting.get_absolute_url())
    # A final resolution offers no edit link, only a correction.
    assert page.get_by_role("link", name="Beschluss bearbeiten").count() == 0
    page.get_by_role("link", name="Beschluss berichtigen").click()
    page.get_by_label("Ja-Stimmen").fill("24")
    page.get_by_label("Grund der Berichtigung").fill(
        "Eine Stimme war doppelt gezählt (Protokoll der Zählung)."
    )
    assert_accessible(page)
    page.get_by_role("button", name="Berichtigung speichern").click()
    page.wait_for_load_state()
    assert "Die Berichtigung ist gespeichert" in page.content()
    correction = page.get_by_role("complementary", name="Berichtigungen")
    assert "Eine Stimme war doppelt gezählt" in correction.inner_text()
    assert "ursprünglich „25“, jetzt „24“" in correction.inner_text()
    assert_accessible(page)
    screenshot(page, "meetings-resolution-corrected")

    # The public register shows the correction beside the resolution, to everyone.
    visitor = page.context.browser.new_page()
    visitor.goto(live_server.url + reverse("meetings:resolutions"))
    register = visitor.content()
    assert "Das Netzwerk beschließt sein Leitbild." in register
    assert "Eine Stimme war doppelt gezählt" in register
    assert_accessible(visitor)
    visitor.close()
    final_resolution.refresh_from_db()
    assert final_resolution.votes_yes == 24
