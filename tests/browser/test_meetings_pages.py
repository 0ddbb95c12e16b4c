import datetime

import pytest
from django.utils import timezone

from meetings.models import BERLIN, Invitation, Meeting, WorkProgramme, WorkProgrammeItem
from tests.factories import OrganisationFactory
from tests.meetings.factories import (
    AgendaItemFactory,
    DocumentFactory,
    MeetingFactory,
    ResolutionFactory,
    WorkProgrammeFactory,
    WorkProgrammeItemFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def meetings(db):
    today = timezone.localdate()
    now = datetime.datetime.combine(today, datetime.time(18, 0), tzinfo=BERLIN)
    held = MeetingFactory(
        title="Netzwerktreffen im Frühjahr",
        start=now - datetime.timedelta(days=30),
        end=now - datetime.timedelta(days=30, hours=-2),
        status=Meeting.Status.HELD,
    )
    item = AgendaItemFactory(meeting=held, title="Arbeitsprogramm", minutes="Aussprache.")
    AgendaItemFactory(meeting=held, title="Finanzen", is_public=False)
    resolution = ResolutionFactory(agenda_item=item, text="Das Arbeitsprogramm wird beschlossen.")
    DocumentFactory(meeting=held, title="Präsentation", is_public=True)
    DocumentFactory(meeting=held, title="Protokoll", is_public=False)
    upcoming = MeetingFactory(
        title="Netzwerktreffen zum Jahresabschluss",
        start=now + datetime.timedelta(days=14),
        end=now + datetime.timedelta(days=14, hours=2),
        online_url="https://meet.example.org/netzwerk",
        rsvp_deadline=now + datetime.timedelta(days=10),
        invitation_sent_at=now,
    )
    AgendaItemFactory(meeting=upcoming, title="Begrüßung", presenter="Kim Koordination")
    AgendaItemFactory(meeting=upcoming, title="Berichte aus den Arbeitsgruppen")
    # Items are added while the programme is a draft; then it is adopted.
    programme = WorkProgrammeFactory(year=timezone.localdate().year)
    WorkProgrammeItemFactory(programme=programme, title="Engagementmesse", status="done")
    WorkProgrammeItemFactory(programme=programme, title="Fortbildungsreihe", status="in_progress")
    # A long title and organisation name, for the phone-screen test.
    organisation = OrganisationFactory(name="Nachbarschaftsinitiative Kleefeld-Buchholz e. V.")
    WorkProgrammeItemFactory(
        programme=programme,
        title="Beteiligungswerkstatt Stadtteilentwicklung",
        responsible_organisation=organisation,
        target_quarter=WorkProgrammeItem.Quarter.Q4,
    )
    WorkProgramme.objects.filter(pk=programme.pk).update(
        status=WorkProgramme.Status.ADOPTED, adopted_by_resolution=resolution, adopted_at=now
    )
    programme.refresh_from_db()
    return {
        "held": held,
        "upcoming": upcoming,
        "programme": programme,
        "organisation": organisation,
    }


def test_public_meeting_pages_have_no_axe_violations(
    page, live_server, assert_accessible, screenshot, meetings
):
    page.set_viewport_size({"width": 1280, "height": 900})
    for path, shot in [
        ("/treffen/", "meetings_list"),
        (meetings["held"].get_absolute_url(), "meeting_detail"),
        (meetings["upcoming"].get_absolute_url(), None),
        ("/treffen/beschluesse/", None),
        ("/arbeitsprogramm/", None),
        (meetings["programme"].get_absolute_url(), "work_programme"),
    ]:
        page.goto(f"{live_server.url}{path}")
        assert page.locator("main h1").count() == 1
        assert_accessible(page)
        if shot:
            screenshot(page, shot)
    page.goto(f"{live_server.url}{meetings['held'].get_absolute_url()}")
    assert page.get_by_text("Finanzen").count() == 0


def test_partner_answers_an_invitation_in_the_browser(
    page, live_server, assert_accessible, login, partner_contact, meetings
):
    organisation = partner_contact.contacts.get().organisation
    Invitation.objects.create(meeting=meetings["upcoming"], organisation=organisation)
    login(page, partner_contact)
    page.goto(f"{live_server.url}/treffen/{meetings['upcoming'].pk}/rueckmeldung/")
    assert_accessible(page)
    page.get_by_label("Zusage").check()
    page.get_by_label("Anzahl Personen").fill("2")
    page.get_by_role("button", name="Antwort senden").click()
    page.wait_for_load_state()
    assert "Danke, Ihre Rückmeldung ist gespeichert." in page.content()
    assert_accessible(page)


def test_coordinator_pages_have_no_axe_violations(
    page, live_server, assert_accessible, screenshot, login, coordinator, meetings
):
    login(page, coordinator)
    page.set_viewport_size({"width": 1280, "height": 900})
    for path in [
        "/koordination/",
        "/treffen/neu/",
        f"/treffen/{meetings['upcoming'].pk}/",
        f"/treffen/{meetings['upcoming'].pk}/einladen/",
        f"/treffen/{meetings['held'].pk}/anwesenheit/",
    ]:
        page.goto(f"{live_server.url}{path}")
        assert_accessible(page)
    page.goto(f"{live_server.url}/koordination/")
    screenshot(page, "coordination_meetings")


def test_meeting_tables_fit_a_phone_screen(
    page, live_server, login, assert_accessible, coordinator, meetings
):
    organisation = meetings["organisation"]
    Invitation.objects.create(
        meeting=meetings["upcoming"],
        organisation=organisation,
        answer=Invitation.Answer.YES,
        attendee_count=2,
        attendee_names="Dr. Maximiliane Mustermann-Schulze\nKonstantin Oberbürgermeister",
        answered_at=timezone.now(),
    )
    page.set_viewport_size({"width": 375, "height": 800})
    login(page, coordinator)
    too_wide = {}
    for path in [
        "/treffen/",
        meetings["programme"].get_absolute_url(),
        f"/treffen/{meetings['upcoming'].pk}/rueckmeldungen/",
    ]:
        page.goto(f"{live_server.url}{path}")
        assert page.locator("main table").count() == 1
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 375:
            too_wide[path] = width
        assert_accessible(page)
    # The table scrolls inside its own box; the page itself does not scroll sideways.
    assert not too_wide, f"wider than the 375 px screen: {too_wide}"
