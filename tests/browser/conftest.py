from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

SCREENSHOTS = Path(__file__).resolve().parent.parent.parent / "docs" / "screenshots"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def pytest_collection_modifyitems(items):
    here = Path(__file__).resolve().parent
    for item in items:
        if here in Path(item.fspath).resolve().parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def axe():
    return Axe()


@pytest.fixture
def assert_accessible(axe):
    """Run axe-core (WCAG 2.1 AA) on the page and fail with the violations listed."""

    def check(page, *, best_practice=False):
        # `best_practice` adds axe's best-practice rules (unique landmarks, one main, …).
        tags = [*WCAG_TAGS, "best-practice"] if best_practice else WCAG_TAGS
        results = axe.run(page, options={"runOnly": {"type": "tag", "values": tags}})
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
    """Log a page in through the real login form; accounts with a second factor (the
    coordinators) then type the code of their authenticator app. A code counts once:
    a second login within the same 30 seconds takes one of the recovery codes."""
    from allauth.mfa.models import Authenticator
    from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes

    from tests.factories import PASSWORD, totp_code

    used = set()

    def do(page, user):
        page.goto(f"{live_server.url}/konto/login/")
        page.locator("#id_login").fill(user.email)
        page.locator("#id_password").fill(PASSWORD)
        page.get_by_role("button", name="Anmeldung").click()
        page.wait_for_load_state()
        if "/konto/2fa/authenticate/" in page.url:
            code = totp_code()
            if (user.pk, code) in used:
                recovery = Authenticator.objects.get(
                    user=user, type=Authenticator.Type.RECOVERY_CODES
                )
                code = RecoveryCodes(recovery).get_unused_codes()[0]
            used.add((user.pk, code))
            page.locator("#id_code").fill(code)
            page.get_by_role("button", name="Anmeldung").click()
            page.wait_for_load_state()

    return do


@pytest.fixture
def served_by(browser):
    """Show pages rendered by a Django test client in a real browser.

    `show = served_by(client); show(page, "/partner/")` fetches the page with the
    client (so the page is what the client's user sees, inside the test's
    transaction) and displays it at http://testserver/…, with static files from the
    finders. Playwright's route handlers run in another greenlet, which Django gives
    another database connection: so the handler only serves what was fetched here.
    """
    from django.contrib.staticfiles import finders

    contexts = []

    def make(client):
        context = browser.new_context(locale="de-DE", timezone_id="Europe/Berlin")
        contexts.append(context)
        rendered = {}

        def handle(route):
            path = route.request.url.removeprefix("http://testserver")
            if path in rendered:
                status, headers, body = rendered[path]
                route.fulfill(status=status, headers=headers, body=body)
                return
            found = path.startswith("/static/") and finders.find(
                path.removeprefix("/static/").split("?")[0]
            )
            if found:
                route.fulfill(path=found)
            else:
                route.fulfill(status=404, body="")

        context.route("http://testserver/**", handle)
        page = context.new_page()

        def show(url):
            response = client.get(url)
            body = b"".join(response.streaming_content) if response.streaming else response.content
            rendered[url] = (response.status_code, dict(response.items()), body)
            # A redirect is not shown: the browser would follow it to a page not fetched.
            redirect = 300 <= response.status_code < 400
            if response.get("Content-Type", "").startswith("text/html") and not redirect:
                page.goto(f"http://testserver{url}")
            return response

        show.page = page
        return show

    yield make
    for context in contexts:
        context.close()


# The focused element's ring: our :focus-visible outline (or a box shadow) that is
# actually drawn, so a keyboard user sees where they are.
FOCUS_RING = """el => {
  if (!el || el === document.body) return false;
  const style = getComputedStyle(el);
  const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
  return el.matches(':focus-visible') && (outline || style.boxShadow !== 'none');
}"""


@pytest.fixture
def tab_to():
    """Press Tab until the focused element matches a JS predicate over `el`.

    Every element passed on the way must show a visible focus ring, and the
    predicate must be reached within `limit` presses, as a keyboard user would.
    """

    def press_until(page, predicate, limit=80):
        for _ in range(limit):
            page.keyboard.press("Tab")
            if not page.evaluate(f"({FOCUS_RING})(document.activeElement)"):
                focused = page.evaluate("document.activeElement.outerHTML.slice(0, 160)")
                raise AssertionError(f"no visible focus on {page.url}: {focused}")
            if page.evaluate(f"(el => {predicate})(document.activeElement)"):
                return
        raise AssertionError(f"Tab never reached {predicate}")

    return press_until
