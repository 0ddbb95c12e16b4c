"""A working group's life in the browser: founded, joined, meeting, document, closed."""

import datetime
import re

import pytest
from django.utils import timezone

from partners.models import Organisation
from tests.factories import ContactFactory, OrganisationFactory, UserFactory
from tests.workgroups.factories import MINIMAL_PDF, adopted_resolution

pytestmark = pytest.mark.django_db(transaction=True)


def _switch(page, login, user):
    page.context.clear_cookies()
    login(page, user)


@pytest.fixture
def kleefeld(db):
    user = UserFactory(email="kleefeld@example.org", name="Karl Kleefeld")
    ContactFactory(
        organisation=OrganisationFactory(
            name="Sportfreunde Kleefeld", slug="sportfreunde-kleefeld"
        ),
        user=user,
    )
    return user


@pytest.fixture
def ricklingen(db):
    user = UserFactory(email="ricklingen@example.org", name="Rieke Garten")
    ContactFactory(
        organisation=OrganisationFactory(
            name="Gemeinschaftsgarten Ricklingen", slug="gemeinschaftsgarten-ricklingen"
        ),
        user=user,
    )
    return user


def test_found_join_meet_attach_and_close_a_working_group(
    page,
    live_server,
    login,
    assert_accessible,
    screenshot,
    mailoutbox,
    coordinator,
    representative,
    speaker,
    kleefeld,
    ricklingen,
):
    page.set_viewport_size({"width": 1280, "height": 900})
    url = live_server.url

    # A coordinator founds the group, led by the representative of Nachbarschaft Linden,
    # on the resolution the Netzwerktreffen adopted.
    adopted_resolution(
        title="Netzwerktreffen im Frühjahr", text="Wir gründen die AG Engagement im Quartier."
    )
    login(page, coordinator)
    page.goto(f"{url}/arbeitsgruppen/")
    page.get_by_role("link", name="Arbeitsgruppe gründen").first.click()
    page.get_by_label("Name").fill("Engagement im Quartier")
    page.get_by_label("Thema").fill("Nachbarschaft und Stadtteilarbeit")
    page.get_by_label("Beschreibung").fill("Wir vernetzen Initiativen aus den Stadtteilen.")
    page.get_by_label("Beitritt").select_option("open")
    page.get_by_label("leitende Organisation").select_option(label="Nachbarschaft Linden")
    page.get_by_label("Ansprechperson der Leitung").select_option(
        label="Rita Vertretung (Nachbarschaft Linden)"
    )
    # Without its founding resolution the group is not founded.
    resolution_field = page.locator("#id_founding_resolution")
    resolution_field.evaluate("select => select.removeAttribute('required')")
    page.get_by_role("button", name="Gründen").click()
    assert page.get_by_text("Bitte wählen Sie den Gründungsbeschluss.").is_visible()
    # Only the adopted resolution of the held Netzwerktreffen is offered.
    resolution_field.select_option(
        label="Wir gründen die AG Engagement im Quartier. – Netzwerktreffen im Frühjahr, "
        "15. Januar 2020"
    )
    page.get_by_role("button", name="Gründen").click()
    page.wait_for_url(re.compile(r"/arbeitsgruppen/engagement-im-quartier/$"))
    assert page.locator("h1").inner_text() == "Engagement im Quartier"

    # An open group: Sportfreunde Kleefeld joins at once.
    _switch(page, login, kleefeld)
    page.goto(f"{url}/arbeitsgruppen/engagement-im-quartier/")
    page.get_by_role("button", name="Mit Sportfreunde Kleefeld beitreten").click()
    assert page.get_by_text("Sportfreunde Kleefeld ist Mitglied der Arbeitsgruppe.").is_visible()

    # The lead switches to joining by request; Ricklingen asks, the lead approves.
    _switch(page, login, representative)
    page.goto(f"{url}/arbeitsgruppen/engagement-im-quartier/bearbeiten/")
    page.get_by_label("Beitritt").select_option("request")
    page.get_by_role("button", name="Speichern").click()
    _switch(page, login, ricklingen)
    page.goto(f"{url}/arbeitsgruppen/engagement-im-quartier/")
    mailoutbox.clear()
    page.get_by_role("button", name="Beitritt für Gemeinschaftsgarten Ricklingen anfragen").click()
    assert page.get_by_text("Die Anfrage ist gestellt.").is_visible()
    assert {m.to[0] for m in mailoutbox} == {"vertretung@example.org", "koordination@example.org"}
    _switch(page, login, representative)
    page.goto(f"{url}/arbeitsgruppen/engagement-im-quartier/mitglieder/")
    mailoutbox.clear()
    page.get_by_role("button", name="Gemeinschaftsgarten Ricklingen aufnehmen").click()
    assert page.get_by_text("Gemeinschaftsgarten Ricklingen ist aufgenommen.").is_visible()
    assert [m.to for m in mailoutbox] == [["ricklingen@example.org"]]

    # The lead holds a group meeting: invitations reach the members only.
    page.goto(f"{url}/arbeitsgruppen/engagement-im-quartier/")
    page.get_by_role("link", name="Treffen planen", exact=True).click()
    start = timezone.localtime() + datetime.timedelta(days=10)
    page.get_by_label("Titel").fill("Auftakt im Quartier")
    page.get_by_label("Beginn").fill(start.strftime("%Y-%m-%dT18:00"))
    page.get_by_label("Ende").fill(start.strftime("%Y-%m-%dT20:00"))
    page.get_by_label("Ort").fill("Freizeitheim Linden")
    mailoutbox.clear()
    page.get_by_role("button", name="Planen und einladen").click()
    assert page.get_by_text("die Mitglieder sind eingeladen").is_visible()
    invited = sorted(m.to[0] for m in mailoutbox)
    assert invited == [
        "kleefeld@example.org",
        "ricklingen@example.org",
        "vertretung@example.org",
    ]
    assert "sprecher@example.org" not in invited
    assert all("Auftakt im Quartier" in m.body for m in mailoutbox)

    # A member attaches an internal document.
    _switch(page, login, kleefeld)
    page.goto(f"{url}/arbeitsgruppen/engagement-im-quartier/")
    page.get_by_role("link", name="Dokument hochladen").click()
    page.get_by_label("Titel").fill("Ideensammlung")
    page.get_by_label("Datei").set_input_files(
        {"name": "ideen.pdf", "mimeType": "application/pdf", "buffer": MINIMAL_PDF}
    )
    page.get_by_role("button", name="Hochladen").click()
    assert page.get_by_role("link", name="Ideensammlung").is_visible()
    screenshot(page, "workgroups_detail_member")

    # Visitors see the group, not the internal document; the pages pass axe.
    page.context.clear_cookies()
    page.goto(f"{url}/arbeitsgruppen/engagement-im-quartier/")
    assert page.get_by_text("Auftakt im Quartier").first.is_visible()
    assert page.get_by_role("link", name="Ideensammlung").count() == 0
    assert_accessible(page)
    screenshot(page, "workgroups_detail")

    # The coordinator closes the group after confirming; it moves to the archive.
    login(page, coordinator)
    page.goto(f"{url}/arbeitsgruppen/engagement-im-quartier/")
    page.get_by_role("link", name="Gruppe schließen").click()
    assert_accessible(page)
    page.get_by_role("button", name="Gruppe endgültig schließen").click()
    assert page.get_by_text("Diese Arbeitsgruppe wurde am").is_visible()
    page.context.clear_cookies()
    page.goto(f"{url}/arbeitsgruppen/")
    archive = page.locator("section", has=page.get_by_role("heading", name=re.compile("Archiv")))
    assert archive.get_by_role("link", name="Engagement im Quartier").is_visible()


def test_working_group_pages_pass_axe_with_demo_data(
    page, live_server, login, assert_accessible, screenshot, coordinator
):
    import io

    from workgroups import demo

    # The working groups' demo on a small network (the full seed_demo is tested elsewhere).
    for spec in demo.GROUPS:
        OrganisationFactory(name=spec["lead"], slug=spec["lead"].lower().replace(" ", "-"))
    for number in range(12):
        ContactFactory(organisation=OrganisationFactory(name=f"Initiative {number}"))
    partner = UserFactory(email="partner@example.org", name="Pat Partner")
    ContactFactory(
        organisation=Organisation.objects.get(name="Nachbarschaftstreff Lindener Eck"),
        user=partner,
        is_representative=True,
    )
    ContactFactory(
        organisation=Organisation.objects.get(name="Freiwilligenzentrum Hannover"),
        user=None,
        email="fzh@example.org",
    )
    demo.seed(stdout=io.StringIO(), password="x")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{live_server.url}/arbeitsgruppen/")
    assert page.locator("main h1").count() == 1
    assert_accessible(page)
    screenshot(page, "workgroups_list")
    page.goto(f"{live_server.url}/arbeitsgruppen/digitale-beteiligung/")
    assert_accessible(page)
    login(page, partner)
    for path in [
        "/arbeitsgruppen/engagement-im-quartier/",
        "/arbeitsgruppen/engagement-im-quartier/mitglieder/",
        "/arbeitsgruppen/engagement-im-quartier/treffen/neu/",
        "/arbeitsgruppen/engagement-im-quartier/nachricht/",
        "/arbeitsgruppen/engagement-im-quartier/dokumente/neu/",
        "/arbeitsgruppen/engagement-im-quartier/bearbeiten/",
        "/arbeitsgruppen/engagement-im-quartier/austreten/",
    ]:
        page.goto(f"{live_server.url}{path}")
        assert page.locator("main h1").count() == 1, path
        assert_accessible(page)
