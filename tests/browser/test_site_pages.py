import pytest

PUBLIC_PAGES = [
    "/",
    "/netzwerk/",
    "/impressum/",
    "/datenschutz/",
    "/barrierefreiheit/",
    "/leichte-sprache/",
    "/konto/login/",
    "/konto/signup/",
    "/konto/password/reset/",
    "/gibt-es-nicht/",
]

# Browser tests run against live_server with a flushed database after each test:
# tests/conftest.py restores the data migrations' rows (the agreement, pages).
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_public_page_has_no_axe_violations(page, live_server, assert_accessible, path):
    page.goto(f"{live_server.url}{path}")
    assert page.locator("html").get_attribute("lang") == "de"
    assert page.locator("main h1").count() == 1
    assert_accessible(page)


def test_home_page_screenshot(page, live_server, screenshot):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{live_server.url}/")
    assert "Netzwerk Bürgermitwirkung" in page.title()
    screenshot(page, "home")


def test_skip_link_reaches_the_content_with_the_keyboard(page, live_server):
    page.goto(f"{live_server.url}/netzwerk/")
    page.keyboard.press("Tab")
    skip = page.locator(".skip-link")
    assert skip.evaluate("el => el === document.activeElement")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "inhalt"


def test_coordinator_logs_in_and_reaches_the_overview(
    page, live_server, coordinator, login, assert_accessible
):
    login(page, coordinator)
    page.goto(f"{live_server.url}/koordination/")
    assert page.locator("h1").inner_text() == "Koordination"
    assert_accessible(page)
