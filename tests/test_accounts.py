import json
import re
from http import HTTPStatus

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from tests.factories import PASSWORD, ContactFactory

pytestmark = pytest.mark.django_db


def _link(mail):
    return re.search(r"https?://[^/\s]+(/\S+)", mail.body).group(1)


def test_sign_up_requires_e_mail_verification(client, mailoutbox):
    response = client.post(
        reverse("account_signup"),
        {
            "email": "neu@example.org",
            "password1": "ein-gutes-passwort-42",
            "password2": "ein-gutes-passwort-42",
        },
    )
    assert response.status_code == HTTPStatus.FOUND
    assert response.url == reverse("account_email_verification_sent")
    assert len(mailoutbox) == 1
    assert "neu@example.org" in mailoutbox[0].to
    # Not verified yet: logging in is refused.
    login = Client().post(
        reverse("account_login"), {"login": "neu@example.org", "password": "ein-gutes-passwort-42"}
    )
    assert login.url == reverse("account_email_verification_sent")
    confirm_url = _link(mailoutbox[0])
    client.post(confirm_url)
    assert EmailAddress.objects.get(email="neu@example.org").verified


def test_login_with_e_mail_and_password(client, partner_contact):
    response = client.post(
        reverse("account_login"), {"login": partner_contact.email, "password": PASSWORD}
    )
    assert response.status_code == HTTPStatus.FOUND
    assert client.get(reverse("account_overview")).status_code == HTTPStatus.OK


def test_wrong_password_is_a_form_error(client, partner_contact):
    response = client.post(
        reverse("account_login"), {"login": partner_contact.email, "password": "falsch"}
    )
    assert response.status_code == HTTPStatus.OK
    assert "Passwort sind leider falsch" in response.text


def test_password_reset_sends_a_mail(client, partner_contact, mailoutbox):
    client.post(reverse("account_reset_password"), {"email": partner_contact.email})
    assert len(mailoutbox) == 1
    assert "/konto/password/reset/key/" in mailoutbox[0].body


def test_personal_data_download_contains_account_and_contacts(client_as, partner_contact):
    response = client_as("partner_contact").get(reverse("account_data"))
    assert response.status_code == HTTPStatus.OK
    assert response["Content-Disposition"].startswith("attachment")
    data = json.loads(response.content)
    assert data["konto"]["email"] == partner_contact.email


def test_account_deletion_needs_the_password(client_as, partner_contact):
    client = client_as("partner_contact")
    page = client.get(reverse("account_delete"))
    assert "endgültig löschen" in page.text
    response = client.post(reverse("account_delete"), {"password": "falsch"})
    assert response.status_code == HTTPStatus.OK
    assert "nicht richtig" in response.text
    assert get_user_model().objects.filter(pk=partner_contact.pk).exists()


def test_account_deletion_removes_the_person_from_contacts(client_as, partner_contact, partner_org):
    client = client_as("partner_contact")
    response = client.post(reverse("account_delete"), {"password": PASSWORD})
    assert response.status_code == HTTPStatus.FOUND
    assert not get_user_model().objects.filter(pk=partner_contact.pk).exists()
    assert not partner_org.contacts.filter(email=partner_contact.email).exists()
    assert client.get(reverse("account_overview")).status_code == HTTPStatus.FOUND


def test_account_pages_use_the_site_layout(client):
    response = client.get(reverse("account_login"))
    assert "Zum Inhalt springen" in response.text
    assert "Anmelden" in response.text


def test_audit_trail_records_who_changed_an_organisation(client_as, coordinator, partner_org):
    client = client_as("coordinator")
    url = reverse("admin:partners_organisation_change", args=[partner_org.pk])
    form = client.get(url)
    assert form.status_code == HTTPStatus.OK
    partner_org.description = "Geändert"
    partner_org._history_user = coordinator
    partner_org.save()
    record = partner_org.history.first()
    assert record.history_user == coordinator
    assert record.description == "Geändert"
    history = client.get(reverse("admin:partners_organisation_history", args=[partner_org.pk]))
    assert coordinator.email in history.text or str(coordinator) in history.text


def test_contacts_without_account_stay_when_another_account_is_deleted(partner_org, client_as):
    ContactFactory(
        organisation=partner_org, user=None, email="ohne-konto@example.org", name="Ohne Konto"
    )
    client_as("partner_contact").post(reverse("account_delete"), {"password": PASSWORD})
    assert partner_org.contacts.filter(email="ohne-konto@example.org").exists()


# allauth's German says "du"; the site says "Sie" (locale_overrides/de, see
# netzwerk/settings.py LOCALE_PATHS).
INFORMAL = re.compile(r"\b(du|dein\w*|dich|dir|bestätige|gib)\b", re.IGNORECASE)


def _visible_text(response):
    main = response.content.decode().split("<main", 1)[1].split("</main>", 1)[0]
    return " ".join(re.sub(r"<[^>]+>", " ", main).split())


def test_account_pages_and_mails_address_people_formally(client, mailoutbox):
    signup = _visible_text(client.get(reverse("account_signup")))
    assert "Sie haben bereits ein Konto?" in signup
    mismatch = _visible_text(
        client.post(
            reverse("account_signup"),
            {
                "email": "neu@example.org",
                "password1": "ein-gutes-passwort-42",
                "password2": "ein-gutes-passwort-4",
            },
        )
    )
    assert "Bitte geben Sie zweimal dasselbe Passwort ein." in mismatch
    client.post(
        reverse("account_signup"),
        {
            "email": "neu@example.org",
            "password1": "ein-gutes-passwort-42",
            "password2": "ein-gutes-passwort-42",
        },
    )
    sent = _visible_text(client.get(reverse("account_email_verification_sent")))
    confirm = _visible_text(client.get(_link(mailoutbox[0])))
    login = _visible_text(Client().get(reverse("account_login")))
    reset = _visible_text(Client().get(reverse("account_reset_password")))
    for text in [signup, mismatch, sent, confirm, login, reset]:
        assert not INFORMAL.search(text), INFORMAL.search(text).group(0) + ": " + text
    body = mailoutbox[0].body
    assert body.startswith("Guten Tag,")
    assert "Netzwerk Bürgermitwirkung in der Stadt Hannover" in body
    assert "Hallo von" not in body and not INFORMAL.search(body)


def test_empty_choices_read_german(client_as):
    page = client_as("stranger").get(reverse("partners:join_organisation"))
    assert "– Bitte auswählen –" in page.content.decode()
    assert "Select an option" not in page.content.decode()
