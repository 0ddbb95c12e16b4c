import datetime
from http import HTTPStatus

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from core.roles import get_roles
from elections import hooks, services
from elections.models import Seat, Term, term_end
from tests.elections.factories import (
    candidate,
    published_election,
    voting_election,
)
from tests.factories import ContactFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_term_ends_two_years_after_its_start():
    assert term_end(datetime.date(2026, 4, 1)) == datetime.date(2028, 4, 1)
    # From 29 February the term lasts until 28 February (§ 188 Abs. 3 BGB): end is 1 March.
    assert term_end(datetime.date(2024, 2, 29)) == datetime.date(2026, 3, 1)
    assert term_end(datetime.date(2028, 2, 29)) - datetime.timedelta(days=1) == datetime.date(
        2030, 2, 28
    )


def test_terms_of_one_seat_never_overlap(coordinator, candidates):
    start = timezone.localdate() - datetime.timedelta(days=10)
    published_election(coordinator, candidates[:3], start=start)
    assert Term.objects.current().count() == 3
    newcomers = [candidate(f"Neue Initiative {i}") for i in range(1)]
    election = voting_election(coordinator, newcomers, seats=1, title="Nachwahl")
    election = services.close_voting(election=election, by=coordinator)
    with pytest.raises(ValidationError, match="kein Sitz frei"):
        services.publish_result(election=election, start=timezone.localdate(), by=coordinator)
    assert Term.objects.count() == 3
    services.publish_result(election=election, start=term_end(start), by=coordinator)
    assert Term.objects.count() == 4
    for seat in Seat.objects.all():
        terms = list(seat.terms.order_by("start"))
        for earlier, later in zip(terms, terms[1:], strict=False):
            assert earlier.end <= later.start


def test_an_organisation_holds_at_most_one_seat(coordinator, candidates):
    start = timezone.localdate()
    published_election(coordinator, candidates[:1], seats=1, start=start)
    election = voting_election(coordinator, candidates[:1], seats=1, title="Nochmal")
    election = services.close_voting(election=election, by=coordinator)
    with pytest.raises(ValidationError, match="bereits einen Sitz"):
        services.publish_result(election=election, start=start, by=coordinator)


def test_term_clean_refuses_an_overlapping_term(coordinator, candidates):
    published_election(coordinator, candidates[:1], seats=1)
    term = Term.objects.get()
    clash = Term(
        organisation=candidates[1][0],
        seat=term.seat,
        start=term.start + datetime.timedelta(days=5),
        end=term.end,
        election=term.election,
    )
    with pytest.raises(ValidationError, match="bereits besetzt"):
        clash.full_clean()


def test_elected_organisation_joins_the_speaker_group(coordinator, candidates):
    organisation, user = candidates[0]
    assert not get_roles(user).is_speaker_group_member
    published_election(coordinator, candidates[:1], seats=1)
    user._netzwerk_roles = None
    assert get_roles(user).is_speaker_group_member
    client_user = UserFactory(email="kollege@example.org")
    ContactFactory(organisation=organisation, user=client_user)
    assert get_roles(client_user).may_read_coordination


def test_the_speaker_group_is_read_in_one_statement(
    coordinator, candidates, coordinating_org, django_assert_num_queries
):
    # Seats (elections) and coordinating organisations (partners): one UNION, asked on
    # every page a partner's contact sees (the header's link to /koordination/).
    from core.roles import speaker_group_organisation_ids

    published_election(coordinator, candidates[:1], seats=1)
    with django_assert_num_queries(1):
        ids = speaker_group_organisation_ids()
    assert ids == {candidates[0][0].pk, coordinating_org.pk}


def test_speaker_group_page_shows_current_five_with_public_contacts_and_past(
    coordinator, candidates, coordinating_org, client, django_assert_max_num_queries
):
    ContactFactory(
        organisation=coordinating_org,
        user=None,
        name="Öffentliche Person",
        email="oeffentlich@example.org",
        public_consent_at=timezone.now(),
    )
    ContactFactory(
        organisation=candidates[0][0], user=None, name="Geheime Person", email="g@example.org"
    )
    old_start = timezone.localdate() - datetime.timedelta(days=800)
    published_election(coordinator, candidates[3:], seats=1, start=old_start, title="Alte Wahl")
    published_election(coordinator, candidates[:3], title="Neue Wahl")
    with django_assert_max_num_queries(12):
        response = client.get(reverse("elections:speaker_group"))
    text = response.content.decode()
    assert response.status_code == HTTPStatus.OK
    for organisation, _user in candidates[:3]:
        assert organisation.name in text
    assert coordinating_org.name in text
    assert "Öffentliche Person" in text
    assert "Geheime Person" not in text
    assert "Frühere Zusammensetzungen" in text
    assert candidates[3][0].name in text.split("Frühere Zusammensetzungen")[1]


def test_election_list_query_count_does_not_grow(
    coordinator, client, django_assert_max_num_queries
):
    for index in range(5):
        services.create_election(by=coordinator, title=f"Wahl {index}")
        election = services.create_election(by=coordinator, title=f"Offen {index}")
        # One open election at a time for the three seats: each is opened and called off.
        services.open_nominations(election=election, by=coordinator)
        services.cancel_election(election=election, by=coordinator)
    with django_assert_max_num_queries(6):
        response = client.get(reverse("elections:list"))
    text = response.content.decode()
    assert "Offen 4" in text
    assert "Wahl 4" not in text


def test_term_reminders_are_mailed_once_per_term(
    coordinator, candidates, mailoutbox, django_capture_on_commit_callbacks
):
    start = timezone.localdate() - datetime.timedelta(days=700)
    published_election(coordinator, candidates[:1], seats=1, start=start)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_term_reminders")
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == [coordinator.email]
    assert candidates[0][0].name in mailoutbox[0].body
    assert "Wahl vorbereiten" in mailoutbox[0].subject
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_term_reminders")
    assert len(mailoutbox) == 1


def _elections_panel(page):
    return page.split('id="panel-elections"')[1].split("</section>")[0]


def test_coordination_panel_warns_to_prepare_an_election_when_none_is_under_way(
    coordinator, candidates, client_as
):
    start = timezone.localdate() - datetime.timedelta(days=700)
    published_election(coordinator, candidates[:1], seats=1, start=start)
    text = _elections_panel(client_as("coordinator").get(reverse("coordination")).text)
    assert "Wahl vorbereiten" in text
    assert "alert-warning" in text
    assert candidates[0][0].name in text
    assert "Zurzeit läuft keine Wahl." in text


@pytest.mark.parametrize("status", ["draft", "nominations", "voting"])
def test_coordination_panel_does_not_ask_to_prepare_an_election_under_way(
    coordinator, candidates, client_as, status
):
    start = timezone.localdate() - datetime.timedelta(days=700)
    published_election(coordinator, candidates[:1], seats=1, start=start)
    if status == "voting":
        voting_election(coordinator, candidates[1:2], title="Nächste Wahl")
    else:
        election = services.create_election(by=coordinator, title="Nächste Wahl")
        if status == "nominations":
            services.open_nominations(election=election, by=coordinator)
    text = _elections_panel(client_as("coordinator").get(reverse("coordination")).text)
    assert "Wahl vorbereiten" not in text
    assert "alert-warning" not in text
    assert "Amtszeiten, die bald enden" in text
    assert candidates[0][0].name in text
    assert "Eine Wahl ist bereits angelegt, siehe unten." in text
    assert "Nächste Wahl" in text


def test_coordination_panel_links_every_action(coordinator, candidates, client_as):
    election = voting_election(coordinator, candidates[1:3], title="Laufende Wahl")
    text = client_as("coordinator").get(reverse("coordination")).content.decode()
    assert reverse("elections:create") in text
    assert reverse("elections:close", kwargs={"pk": election.pk}) in text
    assert "Wahlbeteiligung: 0 von" in text
    speaker_text = client_as("speaker").get(reverse("coordination")).content.decode()
    assert "Laufende Wahl" in speaker_text
    assert reverse("elections:close", kwargs={"pk": election.pk}) not in speaker_text


def test_my_network_section_shows_who_voted_and_open_nominations(
    coordinator, candidates, representative, partner_org
):
    other, other_user = candidate("Vorgeschlagene Initiative")
    # Two open elections for one seat each: together they do not exceed the three seats.
    election = voting_election(coordinator, candidates[:2], seats=1, title="Laufende Wahl")
    services.cast_ballot(election=election, representative=representative, choices=[])
    nominations = services.create_election(by=coordinator, title="Nächste Wahl", seats=1)
    services.open_nominations(election=nominations, by=coordinator)
    services.nominate_organisation(
        election=nominations, organisation=partner_org, nominated_by=other, by=other_user
    )
    request = RequestFactory().get("/mein-netzwerk/")
    request.user = representative
    sections = hooks.my_network_sections(request)
    text = "".join(render_to_string(s["template"], {"section": s}) for s in sections)
    assert "Laufende Wahl" in text
    assert "abgestimmt am" in text and "Rita Vertretung" in text
    assert "Nächste Wahl" in text
    assert (
        reverse("elections:nomination_accept", kwargs={"pk": nominations.nominations.get().pk})
        in text
    )


def test_demo_data_has_todays_terms_and_an_open_election_for_the_partner(settings):
    from django.contrib.auth import get_user_model

    from elections.models import Election

    settings.DEBUG = True
    call_command("seed_demo")
    today = timezone.localdate()
    terms = Term.objects.current()
    assert terms.count() == 3
    assert terms.filter(end__lte=today + datetime.timedelta(days=90)).exists()
    published = Election.objects.get(status=Election.Status.PUBLISHED)
    assert published.published_at.date() < today - datetime.timedelta(days=600)
    running = Election.objects.get(status=Election.Status.VOTING)
    partner = get_user_model().objects.get(email="partner@example.org")
    organisation = get_roles(partner).represented_organisations[0]
    assert organisation.slug == "nachbarschaftstreff-lindener-eck"
    assert running.electorate.filter(organisation=organisation).exists()
    assert not running.receipts.filter(organisation=organisation).exists()
    assert running.receipts.exists()
    call_command("seed_demo")
    assert Election.objects.count() == 2


def test_no_term_reminder_while_an_election_is_under_way(
    coordinator, candidates, mailoutbox, django_capture_on_commit_callbacks
):
    start = timezone.localdate() - datetime.timedelta(days=700)
    published_election(coordinator, candidates[:1], seats=1, start=start)
    next_one = services.create_election(by=coordinator, title="Wahl der Sprechergruppe 2027")
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_term_reminders")
    assert mailoutbox == []
    services.cancel_election(election=next_one, by=coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_term_reminders")
    assert len(mailoutbox) == 1
