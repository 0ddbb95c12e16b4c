import io
import re

import pytest
from django.core import mail
from django.core.files.base import ContentFile
from django.utils import timezone
from pypdf import PdfReader

from core.search import german_slug
from partners.models import Declaration, FieldOfEngagement, Organisation
from tests.factories import ContactFactory, OrganisationFactory, UserFactory
from tests.partners.factories import png_bytes

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "ein-gutes-passwort-42"


def _submit(page):
    page.locator("main form[method=post] [type=submit]").last.click()
    page.wait_for_load_state()


def _network():
    fields = list(FieldOfEngagement.objects.all())
    districts = [
        "mitte",
        "linden-limmer",
        "nord",
        "ricklingen",
        "suedstadt-bult",
        "vahrenwald-list",
    ]
    colours = [(11, 79, 138), (200, 80, 20), (30, 130, 60)]
    for number, name in enumerate(
        [
            "Bürgerverein Vahrenwald",
            "Gemeinschaftsgarten Ricklingen",
            "Kulturkiste Bothfeld",
            "Lernpaten Bemerode",
            "Nachbarschaftstreff Lindener Eck",
            "Repair-Café List",
            "Seniorennetz Südstadt",
        ]
    ):
        organisation = OrganisationFactory(
            name=name,
            slug=german_slug(name),
            district=districts[number % len(districts)],
            description=f"{name} bringt Menschen im Stadtteil zusammen.",
        )
        organisation.fields.set(fields[number % 5 : number % 5 + 2])
        ContactFactory(
            organisation=organisation,
            user=None,
            name="Robin Beispiel",
            email=f"robin@{organisation.slug}.example.org",
            function="Koordination Ehrenamt",
            public_consent_at=timezone.now(),
        )
        if number % 2 == 0:
            organisation.logo.save(
                "logo.png",
                ContentFile(png_bytes(size=(160, 80), color=colours[number % 3])),
                save=True,
            )


def test_organisation_joins_is_approved_appears_and_downloads_its_declaration(
    page, live_server, login, assert_accessible, screenshot, mailoutbox
):
    _network()
    coordinator = UserFactory(email="koordination@example.org", name="Kim Koordination")
    from core.roles import make_coordinator
    from tests.factories import give_second_factor

    make_coordinator(coordinator)
    give_second_factor(coordinator)
    page.set_viewport_size({"width": 1280, "height": 900})

    # Step 1: what joining means, then an account with a verified e-mail address.
    page.goto(f"{live_server.url}/mitmachen/")
    assert_accessible(page)
    page.get_by_role("link", name="Konto anlegen").click()
    page.locator("#id_email").fill("mia@chor.example.org")
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD)
    _submit(page)
    verification = next(m for m in mail.outbox if "mia@chor.example.org" in m.to)
    path = re.search(r"https?://[^/\s]+(/\S+)", verification.body).group(1)
    page.goto(f"{live_server.url}{path}")
    _submit(page)
    assert page.url.endswith("/mitmachen/organisation/")

    # Step 2: the organisation's data.
    assert_accessible(page)
    page.locator("#id_name").fill("Stadtteilchor Mühlenberg")
    page.locator("#id_legal_form").fill("e. V.")
    page.locator("#id_district").select_option("ricklingen")
    page.locator("#id_website").fill("https://chor-muehlenberg.example.org/")
    page.locator("#id_description").fill("Wir singen gemeinsam <script>alert(1)</script>.")
    page.get_by_label("Kultur").check()
    page.locator("#id_contact_name").fill("Mia Muster")
    page.locator("#id_contact_function").fill("Vorsitzende")
    _submit(page)
    assert page.url.endswith("/mitmachen/erklaerung/")

    # Step 3: read and sign the Erklärung zur Mitarbeit.
    assert_accessible(page)
    page.get_by_label(re.compile("Wir erklären unsere Mitarbeit")).check()
    page.locator("#id_function").fill("Vorsitzende")
    _submit(page)
    assert page.url.endswith("/mitmachen/bestaetigung/")
    assert_accessible(page)
    declaration = Declaration.objects.get(organisation__name="Stadtteilchor Mühlenberg")
    assert declaration.sha256 in page.locator("main").inner_text()
    page.goto(f"{live_server.url}/mitmachen/")
    assert_accessible(page)

    # A coordinator approves.
    page.context.clear_cookies()
    login(page, coordinator)
    page.goto(f"{live_server.url}/koordination/")
    page.get_by_role("link", name="Stadtteilchor Mühlenberg").click()
    assert_accessible(page)
    page.get_by_role("button", name="Als Partner aufnehmen").click()
    page.wait_for_load_state()
    assert Organisation.objects.get(name="Stadtteilchor Mühlenberg").is_active

    # The organisation appears in the directory.
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/partner/")
    assert page.get_by_role("link", name="Stadtteilchor Mühlenberg").is_visible()
    assert_accessible(page)
    screenshot(page, "partner-directory")
    page.goto(f"{live_server.url}/partner/?q=gibtsnicht")
    assert_accessible(page)
    page.goto(f"{live_server.url}/partner/")
    page.get_by_role("link", name="Stadtteilchor Mühlenberg").click()
    assert "<script>alert(1)</script>" in page.locator("main").inner_text()
    assert_accessible(page)
    page.goto(f"{live_server.url}/partner/kulturkiste-bothfeld/")
    assert_accessible(page)
    screenshot(page, "partner-profile")

    # Its representative downloads the declaration as a PDF from /mein-netzwerk/.
    page.goto(f"{live_server.url}/konto/login/")
    page.locator("#id_login").fill("mia@chor.example.org")
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Anmeldung").click()
    page.wait_for_load_state()
    page.goto(f"{live_server.url}/mein-netzwerk/")
    assert_accessible(page)
    screenshot(page, "partner-my-network")
    with page.expect_download() as download_info:
        page.get_by_role("link", name=re.compile("PDF der Erklärung")).click()
    with open(download_info.value.path(), "rb") as handle:
        reader = PdfReader(io.BytesIO(handle.read()))
    text = "".join(p.extract_text() for p in reader.pages)
    assert "Stadtteilchor Mühlenberg" in text
    assert declaration.sha256 in text


def test_my_network_pages_are_accessible(page, live_server, login, assert_accessible):
    organisation = OrganisationFactory(name="Nachbarschaft Linden")
    user = UserFactory(email="vertretung@example.org", name="Rita Vertretung")
    ContactFactory(organisation=organisation, user=user, is_representative=True)
    login(page, user)
    for path in [
        "/mein-netzwerk/",
        f"/mein-netzwerk/{organisation.slug}/profil/",
        f"/mein-netzwerk/{organisation.slug}/ansprechpersonen/neu/",
        f"/mein-netzwerk/{organisation.slug}/unterzeichnen/",
        f"/mein-netzwerk/{organisation.slug}/austritt/",
    ]:
        page.goto(f"{live_server.url}{path}")
        assert page.locator("main h1").count() == 1
        assert_accessible(page)
