"""The journey "sign the Erklärung", done with the keyboard alone (issue 8).

A new organisation goes from /mitmachen/ to a signed declaration without a mouse:
every step is reached with Tab, filled by typing, ticked with Space and sent with
Enter, and every element passed on the way shows a visible focus ring (tab_to).
Only the link in the verification e-mail is opened directly, as it would be from
the mail program.
"""

import re

import pytest
from django.core import mail

from partners.models import Declaration, FieldOfEngagement, Organisation

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "ein-gutes-passwort-42"
IN_MAIN_FORM = "el.closest('main') && el.closest('form[method=post]')"


def _type_into(page, tab_to, field_id, text):
    tab_to(page, f"el.id === '{field_id}'")
    page.keyboard.type(text)


def _send(page, tab_to):
    tab_to(page, f"el.type === 'submit' && {IN_MAIN_FORM}")
    with page.expect_navigation():
        page.keyboard.press("Enter")


def test_the_erklaerung_is_signed_with_the_keyboard_alone(
    page, live_server, assert_accessible, tab_to, mailoutbox
):
    assert FieldOfEngagement.objects.filter(name="Kultur").exists()
    page.set_viewport_size({"width": 1280, "height": 900})

    # What joining means; the first link of the page is the skip link to the content.
    page.goto(f"{live_server.url}/mitmachen/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('href')") == "#inhalt"
    tab_to(page, "el.tagName === 'A' && el.textContent.trim() === 'Konto anlegen'")
    with page.expect_navigation():
        page.keyboard.press("Enter")

    # An account.
    _type_into(page, tab_to, "id_email", "ole@nachbarn.example.org")
    _type_into(page, tab_to, "id_password1", PASSWORD)
    _type_into(page, tab_to, "id_password2", PASSWORD)
    _send(page, tab_to)
    verification = next(m for m in mail.outbox if "ole@nachbarn.example.org" in m.to)
    # The mail's links say https (as in production); the test server speaks http.
    page.goto(live_server.url + re.search(r"https?://[^/\s]+(/\S+)", verification.body).group(1))
    _send(page, tab_to)
    assert page.url.endswith("/mitmachen/organisation/")

    # The organisation: text fields, a select chosen by typing, a checkbox by Space.
    _type_into(page, tab_to, "id_name", "Nachbarschaftshilfe Sahlkamp")
    _type_into(page, tab_to, "id_legal_form", "e. V.")
    tab_to(page, "el.id === 'id_district'")
    page.keyboard.type("Bothfeld")
    assert page.locator("#id_district").input_value() == "bothfeld-vahrenheide"
    tab_to(page, "el.type === 'checkbox' && el.labels[0].textContent.trim() === 'Kultur'")
    page.keyboard.press("Space")
    _type_into(page, tab_to, "id_contact_name", "Ole Nachbar")
    _type_into(page, tab_to, "id_contact_function", "Vorstand")
    _send(page, tab_to)
    assert page.url.endswith("/mitmachen/erklaerung/"), page.locator("main").inner_text()

    # The Erklärung: read, agreed with Space, the signer's function, sent with Enter.
    assert_accessible(page)
    tab_to(page, "el.type === 'checkbox' && el.labels[0].textContent.includes('Mitarbeit')")
    page.keyboard.press("Space")
    _type_into(page, tab_to, "id_function", "Vorstand")
    _send(page, tab_to)

    assert page.url.endswith("/mitmachen/bestaetigung/")
    organisation = Organisation.objects.get(name="Nachbarschaftshilfe Sahlkamp")
    assert organisation.district == "bothfeld-vahrenheide"
    assert list(organisation.fields.values_list("name", flat=True)) == ["Kultur"]
    declaration = Declaration.objects.get(organisation=organisation)
    assert declaration.signer_function == "Vorstand"
    assert declaration.sha256 in page.locator("main").inner_text()
