"""A new coordinator sets up an authenticator app in the browser, then signs in with it.

The pages on the way (the walk-through, the activation with its QR code, the
recovery codes, the code stage of the login) pass axe (WCAG 2.1 AA).
"""

import pytest

from core.roles import make_coordinator
from tests.factories import PASSWORD, UserFactory, totp_code

pytestmark = pytest.mark.django_db(transaction=True)


def test_new_coordinator_sets_up_an_authenticator_app_and_signs_in_with_it(
    page, live_server, login, assert_accessible, screenshot
):
    coordinator = UserFactory(email="neu-koordination@example.org", name="Nele Neu")
    make_coordinator(coordinator)
    page.set_viewport_size({"width": 1280, "height": 900})
    login(page, coordinator)

    page.goto(f"{live_server.url}/koordination/")
    assert "/konto/2fa/" in page.url
    assert "Zweiter Faktor für die Anmeldung" in page.content()
    assert_accessible(page)
    screenshot(page, "mfa-walk-through")

    page.get_by_role("link", name="Aktivieren").click()
    page.wait_for_load_state()
    page.locator("#id_password").fill(PASSWORD)  # allauth asks for the password again
    page.get_by_role("button", name="Bestätigen").click()
    page.wait_for_load_state()
    assert "/konto/2fa/totp/activate/" in page.url
    assert_accessible(page)
    secret = page.locator("#authenticator_secret").input_value()
    page.locator("#id_code").fill(totp_code(secret))
    page.get_by_role("button", name="Aktivieren").click()
    page.wait_for_load_state()
    assert "/konto/2fa/recovery-codes/" in page.url
    assert_accessible(page)

    page.goto(f"{live_server.url}/koordination/")
    assert page.url.endswith("/koordination/")

    # Signing in again asks for the code after the password.
    page.get_by_role("button", name="Abmelden").click()
    page.wait_for_load_state()
    page.goto(f"{live_server.url}/konto/login/")
    page.locator("#id_login").fill(coordinator.email)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Anmeldung").click()
    page.wait_for_load_state()
    assert "/konto/2fa/authenticate/" in page.url
    assert_accessible(page)
    screenshot(page, "mfa-login-code")
