"""Newsletter consent: opt in and out in /mein-netzwerk/, one-click unsubscribe without login."""

from django.test import Client
from django.urls import reverse

from circulars.mail import unsubscribe_token
from circulars.models import MailPreference


def _url(token):
    return reverse("circulars:unsubscribe", kwargs={"token": token})


def test_opt_in_and_out_on_my_network(partner_contact, client_as):
    client = client_as("partner_contact")
    page = client.get(reverse("circulars:preferences"))
    assert page.status_code == 200 and "contact@example.org" in page.text
    client.post(reverse("circulars:preferences"), {"newsletter": "on", "language": "en"})
    preference = MailPreference.objects.get(email="contact@example.org")
    assert preference.newsletter and preference.language == "en"
    client.post(reverse("circulars:preferences"), {"language": "de"})
    preference.refresh_from_db()
    assert not preference.newsletter
    # The section on /mein-netzwerk/ leads there.
    assert reverse("circulars:preferences") in client.get(reverse("partners:my_network")).text


def test_one_click_post_unsubscribes_without_login_or_csrf_and_is_idempotent(db):
    MailPreference.objects.create(email="leser@example.org", newsletter=True)
    MailPreference.objects.create(email="andere@example.org", newsletter=True)
    client = Client(enforce_csrf_checks=True)
    url = _url(unsubscribe_token("Leser@Example.org"))
    for _ in range(2):
        response = client.post(url, {"List-Unsubscribe": "One-Click"})
        assert response.status_code == 200
        assert not MailPreference.objects.get(email="leser@example.org").newsletter
    # Only its own address.
    assert MailPreference.objects.get(email="andere@example.org").newsletter


def test_the_page_asks_first_and_its_button_needs_the_csrf_token(db):
    MailPreference.objects.create(email="leser@example.org", newsletter=True)
    client = Client(enforce_csrf_checks=True)
    url = _url(unsubscribe_token("leser@example.org"))
    page = client.get(url)
    assert page.status_code == 200 and "leser@example.org" in page.text
    assert MailPreference.objects.get(email="leser@example.org").newsletter  # GET changes nothing
    assert client.post(url, {}).status_code == 403
    token = page.cookies["csrftoken"].value
    response = client.post(url, {"csrfmiddlewaretoken": token})
    assert response.status_code == 200 and "keinen Newsletter mehr" in response.text
    assert not MailPreference.objects.get(email="leser@example.org").newsletter


def test_an_unknown_address_is_recorded_as_not_wanting_the_newsletter(db):
    Client().post(_url(unsubscribe_token("neu@example.org")), {"List-Unsubscribe": "One-Click"})
    assert MailPreference.objects.get(email="neu@example.org").newsletter is False


def test_invalid_or_forged_tokens_get_a_400_page_not_a_500(db):
    forged = unsubscribe_token("leser@example.org")[:-3] + "abc"
    other_salt = __import__("django.core.signing", fromlist=["dumps"]).dumps("leser@example.org")
    for token in ["kaputt", forged, other_salt, "a" * 300, "%00"]:
        for method in ("get", "post"):
            response = getattr(Client(), method)(_url(token), {"List-Unsubscribe": "One-Click"})
            assert response.status_code == 400, token
            assert "ungültig" in response.text
    assert not MailPreference.objects.exists()
