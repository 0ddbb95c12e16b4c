import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from elections import services
from elections.models import Ballot, BallotReceipt, Election, Term
from tests.elections.factories import candidate, representative_of, voting_election
from tests.factories import ContactFactory, OrganisationFactory

pytestmark = pytest.mark.django_db(transaction=True)


def _switch(page, login, user):
    page.context.clear_cookies()
    login(page, user)


def test_whole_election_life_cycle_in_the_browser(
    page,
    live_server,
    login,
    coordinator,
    representative,
    partner_org,
    assert_accessible,
    screenshot,
):
    page.set_viewport_size({"width": 1280, "height": 900})
    rival, rival_user = candidate("Umweltwerkstatt Misburg")
    voter_org = OrganisationFactory(name="Lesewelt Mitte")
    voter = representative_of(voter_org)

    # The coordinator creates the election from the coordination page and opens nominations.
    login(page, coordinator)
    page.goto(f"{live_server.url}/koordination/")
    page.get_by_role("link", name="Neue Wahl anlegen").first.click()
    assert_accessible(page)
    page.get_by_label("Titel").fill("Wahl der Sprechergruppe 2027")
    page.get_by_label("Zu wählende Sitze").fill("2")
    page.get_by_role("button", name="Wahl anlegen").click()
    election = Election.objects.get(title="Wahl der Sprechergruppe 2027")
    assert page.url.endswith(election.get_absolute_url())
    page.get_by_role("link", name="Vorschläge öffnen").click()
    assert_accessible(page)
    page.get_by_role("button", name="Vorschläge öffnen").click()
    assert "Die Vorschlagsphase ist eröffnet." in page.content()

    # A representative nominates their own organisation and accepts.
    _switch(page, login, representative)
    page.goto(f"{live_server.url}{election.get_absolute_url()}")
    page.get_by_role("link", name="Eine Organisation vorschlagen").click()
    assert_accessible(page)
    page.get_by_label("Vorgeschlagene Organisation").select_option(label=partner_org.name)
    page.get_by_role("button", name="Vorschlagen").click()
    page.get_by_role("link", name="Kandidatur annehmen").click()
    assert_accessible(page)
    page.get_by_label("Vorstellung").fill("Wir verbinden Linden mit dem Netzwerk.")
    page.get_by_role("button", name="Kandidatur annehmen").click()
    assert "Ihre Organisation kandidiert." in page.content()
    # A second candidate stands, through the same services.
    nomination = services.nominate_organisation(
        election=election, organisation=rival, nominated_by=rival, by=rival_user
    )
    services.accept_nomination(nomination=nomination, statement="Grün.", by=rival_user)

    # The coordinator opens voting.
    _switch(page, login, coordinator)
    page.goto(f"{live_server.url}{election.get_absolute_url()}")
    page.get_by_role("link", name="Abstimmung öffnen").click()
    page.get_by_role("button", name="Abstimmung öffnen").click()
    assert "Die Abstimmung ist eröffnet." in page.content()

    # Two organisations vote.
    for user, name in [(representative, partner_org.name), (voter, rival.name)]:
        _switch(page, login, user)
        page.goto(f"{live_server.url}{election.get_absolute_url()}")
        page.get_by_role("link", name="Zum Stimmzettel").click()
        assert_accessible(page)
        page.get_by_label(name).check()
        page.get_by_role("button", name="Stimme verbindlich abgeben").click()
        assert "Die Stimme Ihrer Organisation ist abgegeben." in page.content()
        assert "hat am" in page.content()
    assert BallotReceipt.objects.filter(election=election).count() == 2
    assert Ballot.objects.filter(election=election).count() == 2

    # The coordinator sees the turnout, closes, counts and publishes.
    _switch(page, login, coordinator)
    page.goto(f"{live_server.url}/koordination/")
    assert "Wahlbeteiligung: 2 von" in page.content()
    page.get_by_role("link", name="Abstimmung beenden und auszählen").click()
    page.get_by_role("button", name="Abstimmung beenden").click()
    assert "ausgezählt" in page.content()
    assert_accessible(page)
    page.get_by_role("link", name="Ergebnis veröffentlichen").click()
    assert_accessible(page)
    # Terms begin on the day of counting at the earliest: today, so they are current.
    start = timezone.localdate()
    page.get_by_label("Beginn der Amtszeit").fill(start.isoformat())
    page.get_by_role("button", name="Veröffentlichen und Amtszeiten anlegen").click()
    assert "Das Ergebnis ist veröffentlicht" in page.content()
    assert Term.objects.filter(election=election).count() == 2

    # The public sees the result with counts; the speaker group shows the new members.
    page.context.clear_cookies()
    page.goto(f"{live_server.url}{election.get_absolute_url()}")
    assert page.get_by_role("table").inner_text().count("gewählt") == 2
    assert_accessible(page)
    page.goto(f"{live_server.url}/sprechergruppe/")
    text = page.locator("main").inner_text()
    assert partner_org.name in text and rival.name in text
    assert_accessible(page)


def test_ballot_is_filled_and_sent_with_the_keyboard_alone(
    page,
    live_server,
    login,
    coordinator,
    representative,
    partner_org,
    assert_accessible,
    screenshot,
    tab_to,
):
    page.set_viewport_size({"width": 1280, "height": 900})
    election = voting_election(
        coordinator,
        [
            candidate(name)
            for name in ["Kulturkiste Bothfeld", "Lernpaten Bemerode", "Jugendforum Döhren"]
        ],
        seats=2,
        title="Wahl der Sprechergruppe 2027",
    )
    login(page, representative)
    page.goto(f"{live_server.url}/wahlen/{election.pk}/stimmzettel/")
    assert page.locator("fieldset legend").count() == 1
    assert_accessible(page)
    screenshot(page, "elections-ballot")
    is_choice = "el.name === 'choices'"
    tab_to(page, is_choice)
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    page.keyboard.press("Space")
    assert page.locator("input[name=choices]:checked").count() == 2
    tab_to(page, "el.type === 'submit' && el.closest('form') && el.closest('main')")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "Die Stimme Ihrer Organisation ist abgegeben." in page.content()
    receipt = BallotReceipt.objects.get(election=election)
    assert receipt.organisation == partner_org
    assert Ballot.objects.get(election=election).choices.count() == 2


def test_speaker_group_page_screenshot(
    page, live_server, login, coordinator, coordinating_org, assert_accessible, screenshot
):
    from tests.elections.factories import published_election

    ContactFactory(
        organisation=coordinating_org,
        user=None,
        name="Fritzi Freiwillig",
        email="fzh@example.org",
        function="Koordination des Netzwerks",
        public_consent_at=timezone.now(),
    )
    OrganisationFactory(name="Landeshauptstadt Hannover", is_coordinating=True)
    elected = [
        candidate(name)
        for name in ["Kulturkiste Bothfeld", "Sportfreunde Kleefeld", "Seniorennetz Südstadt"]
    ]
    for organisation, _user in elected:
        ContactFactory(
            organisation=organisation,
            user=None,
            name=f"Kontakt {organisation.name}",
            email=f"kontakt@{organisation.slug}.example.org",
            function="Vorstand",
            public_consent_at=timezone.now(),
        )
    published_election(
        coordinator,
        elected + [candidate("Jugendforum Döhren")],
        start=timezone.localdate() - datetime.timedelta(days=670),
        title="Wahl der Sprechergruppe 2025",
    )
    voting_election(coordinator, [candidate("Umweltwerkstatt Misburg")], title="Nächste Wahl")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{live_server.url}/sprechergruppe/")
    assert page.locator("main article").count() == 5
    assert_accessible(page)
    screenshot(page, "elections-speaker-group")
    page.goto(f"{live_server.url}/wahlen/")
    assert_accessible(page)
    page.get_by_role("link", name="Wahl der Sprechergruppe", exact=False).last.click()
    assert "Kulturkiste Bothfeld" in page.locator("table").inner_text()
    assert_accessible(page)
    screenshot(page, "elections-result")
    login(page, coordinator)
    page.goto(f"{live_server.url}/koordination/")
    # Terms end soon, but "Nächste Wahl" is already voting: no call to prepare one.
    assert "Amtszeiten, die bald enden" in page.content()
    assert "Wahl vorbereiten" not in page.content()
    assert_accessible(page)
    screenshot(page, "elections-coordination")


def test_paper_election_with_a_tie_resolved_by_lot_in_the_browser(
    page, live_server, login, coordinator, assert_accessible
):
    from tests.elections.factories import election_with_candidates

    election = election_with_candidates(
        coordinator,
        [
            candidate(name)
            for name in ["Kulturkiste Bothfeld", "Lernpaten Bemerode", "Jugendforum Döhren"]
        ],
        seats=2,
        is_paper=True,
        title="Wahl beim Netzwerktreffen",
    )
    login(page, coordinator)
    page.goto(f"{live_server.url}/koordination/")
    page.get_by_role("link", name="Ergebnis der Papierwahl eintragen").click()
    assert_accessible(page)
    # Three organisations are entitled to vote: at most three ballots.
    page.get_by_label("Abgegebene Stimmzettel").fill("3")
    page.get_by_label("Stimmen für Kulturkiste Bothfeld").fill("3")
    page.get_by_label("Stimmen für Lernpaten Bemerode").fill("1")
    page.get_by_label("Stimmen für Jugendforum Döhren").fill("1")
    page.get_by_role("button", name="Ergebnis eintragen").click()
    assert "Gleichstand um den letzten Sitz" in page.content()
    assert page.get_by_role("link", name="Ergebnis veröffentlichen").count() == 0
    assert_accessible(page)
    page.get_by_role("link", name="Gleichstand: Losentscheid festhalten").click()
    assert_accessible(page)
    page.get_by_label("Jugendforum Döhren").check()
    page.get_by_label("Protokoll des Losentscheids").fill("Los gezogen von Kim Koordination.")
    page.get_by_role("button", name="Losentscheid speichern").click()
    page.get_by_role("link", name="Ergebnis veröffentlichen").click()
    page.get_by_role("button", name="Veröffentlichen und Amtszeiten anlegen").click()
    # The published result page, once it has loaded (content() would read it half-parsed).
    expect(page.get_by_text("Los gezogen von Kim Koordination.")).to_be_visible()
    assert {t.organisation.name for t in Term.objects.filter(election=election)} == {
        "Kulturkiste Bothfeld",
        "Jugendforum Döhren",
    }
