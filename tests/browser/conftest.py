from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

SCREENSHOTS = Path(__file__).resolve().parent.parent.parent / "docs" / "screenshots"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def pytest_collection_modifyitems(items):
    for item in items:
        item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def axe():
    return Axe()


@pytest.fixture
def assert_accessible(axe):
    """Run axe-core (WCAG 2.1 AA) on the page and fail with the violations listed."""

    def check(page):
        results = axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
        violations = results.response["violations"]
        details = [
            f"{v['id']} ({v['impact']}): {v['help']} → {[n['target'] for n in v['nodes']][:5]}"
            for v in violations
        ]
        assert not violations, f"axe on {page.url}:\n" + "\n".join(details)

    return check


@pytest.fixture
def screenshot():
    """Save a full-page PNG under docs/screenshots/ (the README shows some of them)."""

    def take(page, name):
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)

    return take


@pytest.fixture
def login(live_server):
    """Log a page in through the real login form."""
    from tests.factories import PASSWORD

    def do(page, user):
        page.goto(f"{live_server.url}/konto/login/")
        page.locator("#id_login").fill(user.email)
        page.locator("#id_password").fill(PASSWORD)
        page.get_by_role("button", name="Anmeldung").click()
        page.wait_for_load_state()

    return do
