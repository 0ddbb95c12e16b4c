"""A coordinator writes a circular in the browser: /koordination/ → new → preview → send."""

import pytest
from django.core import mail

from circulars.models import Circular

pytestmark = pytest.mark.django_db(transaction=True)


def test_coordinator_writes_previews_and_sends_a_circular(
    page, live_server, coordinator, partner_contact, login, assert_accessible, screenshot
):
    page.set_viewport_size({"width": 1280, "height": 900})
    login(page, coordinator)
    page.goto(f"{live_server.url}/koordination/")
    page.get_by_role("link", name="Neues Rundschreiben").click()
    page.wait_for_load_state()
    assert page.locator("main h1").inner_text() == "Neues Rundschreiben"
    assert_accessible(page)
    page.get_by_label("Betreff (deutsch)").fill("Das Treffen zieht um")
    page.get_by_label("Betreff (englisch)").fill("The meeting moves")
    page.locator("#id_body").fill(
        "Liebe Partner,\n\ndas nächste Treffen findet im **Rathaus** statt."
    )
    page.get_by_label("Treffen und Wahlen (an alle gewählten Ansprechpersonen)").check()
    page.get_by_label("Stadtbezirk").select_option("mitte")
    page.get_by_role("button", name="Entwurf speichern").click()
    page.wait_for_load_state()
    assert "1 Adresse" in page.locator("main").inner_text()
    assert_accessible(page)
    page.get_by_role("link", name="Vorschau der Mail").click()
    page.wait_for_load_state()
    assert "contact@example.org" in page.locator("main").inner_text()
    assert_accessible(page)
    screenshot(page, "circular-preview")
    page.get_by_role("link", name="Zurück zum Rundschreiben").click()
    page.get_by_role("link", name="Senden …").click()
    page.wait_for_load_state()
    assert_accessible(page)
    page.get_by_role("button", name="Jetzt senden").click()
    page.wait_for_load_state()
    circular = Circular.objects.get()
    assert circular.state == Circular.State.SENT
    assert [m.to for m in mail.outbox] == [["contact@example.org"]]
    assert "gesendet" in page.locator("main").inner_text()
    assert_accessible(page)
    screenshot(page, "circular-sent")
