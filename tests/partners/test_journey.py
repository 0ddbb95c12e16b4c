"""Issue 17, findings 1 and 3: every person always knows where they stand.

Each state of an account and its organisation (e-mail unverified, application
unfinished, waiting, rejected, active partner, exit declared, left) has a page that
says so and what to do next, reached from /konto/ and /mein-netzwerk/; nobody logged
in who is simply in another state meets a bare 403. Walked through the URLs people
use, with the mail they receive (the real outbox).
"""

import datetime
from http import HTTPStatus

import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse
from django.utils import dateformat, timezone

from core.roles import make_coordinator
from partners import services
from partners.models import Declaration, Organisation
from tests.factories import UserFactory, give_second_factor
from tests.meetings.factories import berlin
from tests.partners.factories import ORGANISATION, SIGNATURE, sign

pytestmark = pytest.mark.django_db


ACCOUNT = reverse("account_overview")
MY_NETWORK = reverse("partners:my_network")
JOIN = reverse("partners:join")
JOIN_DONE = reverse("partners:join_done")


@pytest.fixture
def applicant(client):
    user = UserFactory(email="mia@example.org", name="Mia Muster")
    client.force_login(user)
    return user


@pytest.fixture
def koordination(client):
    from django.test import Client

    user = UserFactory(email="koordination@example.org", name="Kim Koordination")
    make_coordinator(user)
    give_second_factor(user)
    other = Client()
    other.force_login(user)
    return other


def _apply_and_sign(client, capture):
    client.post(reverse("partners:join_organisation"), ORGANISATION)
    with capture(execute=True):
        response = client.post(reverse("partners:join_sign"), SIGNATURE)
    assert response.url == JOIN_DONE
    return Organisation.objects.get(name=ORGANISATION["name"])


def test_an_unfinished_application_leads_back_to_where_it_stopped(client, applicant):
    client.post(reverse("partners:join_organisation"), ORGANISATION)

    response = client.get(MY_NETWORK)
    assert response.status_code == HTTPStatus.FOUND
    assert response.url == JOIN
    account = client.get(ACCOUNT).text
    assert "Die Bewerbung von Stadtteilchor Mühlenberg ist noch nicht abgeschlossen" in account
    assert f'href="{JOIN}">Bewerbung fortsetzen' in account


def test_a_pending_applicant_is_sent_to_the_status_page_not_a_403(
    client, applicant, koordination, mailoutbox, django_capture_on_commit_callbacks
):
    organisation = _apply_and_sign(client, django_capture_on_commit_callbacks)
    received = [m for m in mailoutbox if m.to == ["mia@example.org"]]
    assert len(received) == 1

    response = client.get(MY_NETWORK)
    assert response.status_code == HTTPStatus.FOUND
    assert response.url == JOIN_DONE
    assert "Die Koordination prüft die Bewerbung" in client.get(response.url).text

    account = client.get(ACCOUNT).text
    signed_on = dateformat.format(timezone.localtime(organisation.applied_at), "j. F Y")
    assert (
        f"Die Bewerbung von Stadtteilchor Mühlenberg ist am {signed_on} eingegangen "
        "und wird von der Koordination geprüft." in account
    )
    assert f'href="{JOIN_DONE}">Stand der Bewerbung ansehen' in account


def test_a_rejected_applicant_reads_the_reason_and_what_to_do_next(
    client, applicant, koordination, mailoutbox, django_capture_on_commit_callbacks
):
    organisation = _apply_and_sign(client, django_capture_on_commit_callbacks)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        koordination.post(
            reverse("partners:reject", kwargs={"slug": organisation.slug}),
            {"reason": "Bitte reichen Sie eine Satzung nach."},
        )
    assert [m.to for m in mailoutbox] == [["mia@example.org"]]

    for url in (MY_NETWORK, ACCOUNT):
        response = client.get(url)
        assert response.status_code == HTTPStatus.OK, url
        assert "Die Bewerbung von Stadtteilchor Mühlenberg wurde am" in response.text
        assert "Begründung: Bitte reichen Sie eine Satzung nach." in response.text
        assert f'href="{JOIN}">Erneut bewerben' in response.text
        assert f'href="{reverse("impressum")}">Kontakt zur Koordination' in response.text


def test_after_approval_the_account_page_leads_to_my_network(
    client, applicant, koordination, mailoutbox, django_capture_on_commit_callbacks
):
    organisation = _apply_and_sign(client, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        koordination.post(reverse("partners:approve", kwargs={"slug": organisation.slug}))
    assert any("mia@example.org" in m.to for m in mailoutbox)

    account = client.get(ACCOUNT).text
    assert "Stadtteilchor Mühlenberg ist seit" in account
    assert "Partner im Netzwerk" in account
    assert f'href="{MY_NETWORK}">Zu Mein Netzwerk' in account
    page = client.get(MY_NETWORK)
    assert page.status_code == HTTPStatus.OK
    assert "Profil bearbeiten" in page.text


EXIT_ON = datetime.date(2026, 12, 31)


def test_exit_declared_then_left_each_state_has_its_page(
    clock, partner_org, representative, client_as, mailoutbox, django_capture_on_commit_callbacks
):
    clock(berlin(2026, 11, 25, 10))
    declaration = sign(partner_org, representative)
    client = client_as("representative")
    client.post(
        reverse("partners:exit", kwargs={"slug": partner_org.slug}),
        {"exit_on": EXIT_ON.isoformat(), "reason": "Umzug", "confirm": "on"},
    )
    account = client.get(ACCOUNT).text
    assert "Der Austritt von Nachbarschaft Linden zum 31. Dezember 2026 ist erklärt." in account
    assert f'href="{MY_NETWORK}">Zu Mein Netzwerk' in account

    clock(berlin(2026, 12, 31, 0, 1))
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.carry_out_due_exits()
    assert "vertretung@example.org" in {a for m in mailoutbox for a in m.to}

    client = client_as("representative")  # a new session: the old one expired meanwhile
    account = client.get(ACCOUNT).text
    assert "Nachbarschaft Linden ist am 31. Dezember 2026 aus dem Netzwerk ausgetreten." in account
    assert f'href="{MY_NETWORK}">Erklärungen und Wiedereintritt' in account
    page = client.get(MY_NETWORK)
    assert page.status_code == HTTPStatus.OK
    assert "Ihre Organisation ist am 31. Dezember 2026 aus dem Netzwerk ausgetreten." in page.text
    assert reverse("partners:declaration_pdf", kwargs={"pk": declaration.pk}) in page.text
    assert "Wieder mitmachen" in page.text
    assert f'href="{JOIN}">Erneut bewerben' in page.text


def test_someone_without_an_organisation_is_told_how_to_get_one_not_403(client_as):
    client = client_as("stranger")
    page = client.get(MY_NETWORK)
    assert page.status_code == HTTPStatus.OK
    assert "Sie sind keiner Partnerorganisation zugeordnet." in page.text
    assert f'href="{JOIN}"' in page.text
    assert "Ihr Konto ist keiner Organisation zugeordnet." in client.get(ACCOUNT).text


def test_an_unverified_address_is_named_on_the_account_page(client_as, stranger):
    EmailAddress.objects.create(user=stranger, email="neu@example.org", verified=False)
    account = client_as("stranger").get(ACCOUNT).text
    assert (
        "Die E-Mail-Adresse <strong>neu@example.org</strong> ist noch nicht bestätigt." in account
    )
    assert f'href="{reverse("account_email")}">Bestätigungs-E-Mail erneut senden' in account


def test_an_unverified_account_logging_in_is_told_to_confirm_its_address(client, mailoutbox):
    user = UserFactory(email="unbestaetigt@example.org", verified=False)
    user.set_password("ein-langes-Passwort-1")
    user.save()
    response = client.post(
        reverse("account_login"),
        {"login": "unbestaetigt@example.org", "password": "ein-langes-Passwort-1"},
        follow=True,
    )
    assert "bestätigen" in response.text.lower() or "Bestätigung" in response.text
    assert any("unbestaetigt@example.org" in m.to for m in mailoutbox)


def test_declaration_stays_reachable_from_the_account_once_left(
    partner_org, representative, client_as
):
    sign(partner_org, representative)
    Organisation.objects.filter(pk=partner_org.pk).update(
        status=Organisation.Status.LEFT, left_on=datetime.date(2026, 12, 31)
    )
    account = client_as("representative").get(ACCOUNT).text
    assert MY_NETWORK in account
    assert Declaration.objects.filter(organisation=partner_org).exists()


def test_the_state_pages_are_valid_html(clock, partner_org, representative, client_as, tmp_path):
    """Each state's wording on /konto/ and /mein-netzwerk/ passes the Nu Html Checker."""
    import json
    import subprocess

    from tests.test_html_validity import VNU_JAR, _checker

    java = _checker()
    clock(berlin(2026, 11, 25, 10))
    rejected = Organisation.objects.create(
        name="Abgelehnt e. V.",
        slug="abgelehnt",
        status=Organisation.Status.REJECTED,
        rejection_reason="Kein Bezug zu Hannover <b>fett</b>.",
        decided_at=berlin(2026, 11, 20),
    )
    drafted = Organisation.objects.create(
        name="Entwurf e. V.", slug="entwurf", status=Organisation.Status.APPLICANT
    )
    left = Organisation.objects.create(
        name="Gegangen e. V.",
        slug="gegangen",
        status=Organisation.Status.LEFT,
        left_on=datetime.date(2026, 6, 30),
    )
    from tests.factories import ContactFactory

    for organisation in (rejected, drafted, left):
        ContactFactory(organisation=organisation, user=representative, is_representative=True)
    client = client_as("representative")
    client.post(
        reverse("partners:exit", kwargs={"slug": partner_org.slug}),
        {"exit_on": EXIT_ON.isoformat(), "reason": "Umzug", "confirm": "on"},
    )
    folder = tmp_path / "pages"
    folder.mkdir()
    pages = {"account.html": ACCOUNT, "network.html": MY_NETWORK}
    for name, url in pages.items():
        response = client.get(url)
        assert response.status_code == HTTPStatus.OK
        for text in ("Abgelehnt e. V.", "Entwurf e. V.", "Gegangen e. V."):
            assert text in response.text
        (folder / name).write_bytes(response.content)
    stranger = client_as("stranger")
    (folder / "stranger.html").write_bytes(stranger.get(MY_NETWORK).content)
    result = subprocess.run(
        [java, "-jar", str(VNU_JAR), "--errors-only", "--format", "json", str(folder)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(result.stderr or result.stdout or '{"messages": []}')["messages"]
    assert [m for m in messages if m.get("type") == "error"] == []


def test_a_departed_organisation_applies_again_by_itself_and_keeps_its_history(
    clock, client, applicant, koordination, mailoutbox, django_capture_on_commit_callbacks
):
    # Issue 17 leftover: the departed organisation's own name counted as a duplicate, so
    # only the coordinators could bring it back. Now its contact walks the way back in.
    clock(berlin(2026, 3, 2, 10))
    first = _apply_and_sign(client, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        koordination.post(reverse("partners:approve", kwargs={"slug": first.slug}))
    client.post(
        reverse("partners:exit", kwargs={"slug": first.slug}),
        {"exit_on": "2026-06-30", "reason": "Pause", "confirm": "on"},
    )
    clock(berlin(2026, 6, 30, 0, 5))
    with django_capture_on_commit_callbacks(execute=True):
        services.carry_out_due_exits()
    first.refresh_from_db()
    assert first.status == Organisation.Status.LEFT

    clock(berlin(2026, 9, 1, 10))
    client.force_login(applicant)
    page = client.get(MY_NETWORK).text
    assert f'href="{JOIN}">Erneut bewerben' in page
    response = client.post(reverse("partners:join_organisation"), ORGANISATION)
    assert response.status_code == HTTPStatus.FOUND, response.context["form"].errors
    assert response.url == reverse("partners:join_sign")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("partners:join_sign"), SIGNATURE)
    assert response.url == JOIN_DONE
    again = Organisation.objects.get(status=Organisation.Status.APPLICANT)
    assert again.name == "Stadtteilchor Mühlenberg"
    assert again.pk != first.pk
    account = client.get(ACCOUNT).text
    assert "Die Bewerbung von Stadtteilchor Mühlenberg ist am 1. September 2026 eingegangen" in (
        account
    )
    assert "Stadtteilchor Mühlenberg ist am 30. Juni 2026 aus dem Netzwerk ausgetreten." in account

    # Someone else still cannot apply under the name of a network partner, past or present.
    other = UserFactory(email="fremd@example.org")
    client.force_login(other)
    response = client.post(reverse("partners:join_organisation"), ORGANISATION)
    assert response.status_code == HTTPStatus.OK
    assert "bereits im Netzwerk oder hat sich beworben" in response.text

    # The coordinators see that the applicant was a partner before.
    review = koordination.get(reverse("partners:application", kwargs={"slug": again.slug}))
    assert "Stadtteilchor Mühlenberg (ausgetreten)" in review.text
    with django_capture_on_commit_callbacks(execute=True):
        koordination.post(reverse("partners:approve", kwargs={"slug": again.slug}))
    again.refresh_from_db()
    first.refresh_from_db()
    assert again.status == Organisation.Status.ACTIVE
    assert again.joined_on == datetime.date(2026, 9, 1)
    # The first membership stays as it was: its dates and its signed declaration.
    assert (first.status, first.joined_on, first.left_on) == (
        Organisation.Status.LEFT,
        datetime.date(2026, 3, 2),
        datetime.date(2026, 6, 30),
    )
    assert first.declarations.count() == 1
    client.force_login(applicant)
    page = client.get(MY_NETWORK)
    assert page.status_code == HTTPStatus.OK
    assert reverse("partners:declaration_pdf", kwargs={"pk": first.declarations.get().pk}) in (
        page.text
    )
    assert "Profil bearbeiten" in page.text
