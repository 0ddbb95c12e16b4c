"""Issue 17: a pending applicant always knows where it stands, from signing to approval.

In a real browser, with the real mail outbox: after signing, /mein-netzwerk/ leads to
the status page (not a 403) and /konto/ names the waiting application; once approved,
/konto/ leads to /mein-netzwerk/, where the invitation to the meeting the coordinators
had already invited to is waiting, and it arrived by mail too.
"""

import datetime
import re

import pytest
from django.core import mail
from django.utils import timezone

from core.roles import make_coordinator
from meetings import services as meeting_services
from tests.factories import PASSWORD, UserFactory, give_second_factor
from tests.meetings.factories import MeetingFactory

pytestmark = pytest.mark.django_db(transaction=True)


def _submit(page):
    page.locator("main form[method=post] [type=submit]").last.click()
    page.wait_for_load_state()


def test_a_pending_applicant_is_guided_from_signing_to_approval(
    page, live_server, login, assert_accessible
):
    coordinator = UserFactory(email="koordination@example.org", name="Kim Koordination")
    make_coordinator(coordinator)
    give_second_factor(coordinator)
    start = (timezone.now() + datetime.timedelta(days=10)).replace(second=0, microsecond=0)
    meeting = MeetingFactory(
        title="Netzwerktreffen Frühjahr", start=start, end=start + datetime.timedelta(hours=2)
    )
    meeting_services.send_invitation(meeting=meeting, by=coordinator)
    page.set_viewport_size({"width": 1280, "height": 900})

    # An account, the organisation's data, the signed declaration.
    page.goto(f"{live_server.url}/konto/signup/")
    page.locator("#id_email").fill("mia@chor.example.org")
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD)
    _submit(page)
    verification = next(m for m in mail.outbox if "mia@chor.example.org" in m.to)
    path = re.search(r"https?://[^/\s]+(/\S+)", verification.body).group(1)
    page.goto(f"{live_server.url}{path}")
    _submit(page)
    page.goto(f"{live_server.url}/mitmachen/organisation/")
    page.locator("#id_name").fill("Stadtteilchor Mühlenberg")
    page.locator("#id_legal_form").fill("e. V.")
    page.locator("#id_district").select_option("ricklingen")
    page.locator("#id_website").fill("https://chor-muehlenberg.example.org/")
    page.locator("#id_description").fill("Wir singen gemeinsam.")
    page.locator("#id_contact_name").fill("Mia Muster")
    page.locator("#id_contact_function").fill("Vorsitzende")
    _submit(page)
    page.get_by_label(re.compile("Wir erklären unsere Mitarbeit")).check()
    page.locator("#id_function").fill("Vorsitzende")
    _submit(page)
    assert page.url.endswith("/mitmachen/bestaetigung/")

    # Waiting: "Mein Netzwerk" leads to the status page, "Mein Konto" says so.
    page.goto(f"{live_server.url}/mein-netzwerk/")
    assert page.url.endswith("/mitmachen/bestaetigung/")
    page.goto(f"{live_server.url}/konto/")
    main = page.locator("main").inner_text()
    assert "wird von der Koordination geprüft" in main
    assert_accessible(page)
    page.get_by_role("link", name="Stand der Bewerbung ansehen").click()
    assert page.url.endswith("/mitmachen/bestaetigung/")

    # A coordinator approves.
    page.context.clear_cookies()
    login(page, coordinator)
    page.goto(f"{live_server.url}/koordination/")
    page.get_by_role("link", name="Stadtteilchor Mühlenberg").click()
    page.get_by_role("button", name="Als Partner aufnehmen").click()
    page.wait_for_load_state()
    invitations = [
        m for m in mail.outbox if "mia@chor.example.org" in m.to and "Einladung" in m.subject
    ]
    assert [m.subject.endswith("Einladung: Netzwerktreffen Frühjahr") for m in invitations] == [
        True
    ]

    # A partner now: from "Mein Konto" to "Mein Netzwerk", where the invitation waits.
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/konto/login/")
    page.locator("#id_login").fill("mia@chor.example.org")
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Anmeldung").click()
    page.wait_for_load_state()
    page.goto(f"{live_server.url}/konto/")
    assert "Partner im Netzwerk" in page.locator("main").inner_text()
    page.get_by_role("link", name="Zu Mein Netzwerk").click()
    assert page.url.endswith("/mein-netzwerk/")
    main = page.locator("main").inner_text()
    assert "Netzwerktreffen Frühjahr" in main
    assert "Zurzeit keine offenen Einladungen" not in main
    assert_accessible(page)
