"""The circulars' pages: permissions, the archive, /aktuelles/ and its feed, the panel."""

import pytest
from django.urls import reverse

from circulars.models import Circular
from tests.circulars.factories import draft, sent


@pytest.mark.parametrize("role", ["stranger", "partner_contact", "representative", "speaker"])
def test_only_coordinators_reach_the_circulars(role, client_as, coordinator):
    circular = draft(coordinator)
    client = client_as(role)
    for name, args in [
        ("circulars:list", []),
        ("circulars:create", []),
        ("circulars:detail", [circular.pk]),
        ("circulars:preview", [circular.pk]),
        ("circulars:send", [circular.pk]),
    ]:
        assert client.get(reverse(name, args=args)).status_code == 403
    for name in ["circulars:send", "circulars:test", "circulars:cancel", "circulars:public"]:
        assert client.post(reverse(name, args=[circular.pk])).status_code == 403
    circular.refresh_from_db()
    assert circular.state == Circular.State.DRAFT and not circular.public


def test_anonymous_is_sent_to_the_login(client, coordinator):
    response = client.get(reverse("circulars:list"))
    assert response.status_code == 302 and "/konto/login/" in response["Location"]


def test_coordinator_finds_it_from_the_coordination_page(client_as):
    page = client_as("coordinator").get(reverse("coordination"))
    assert reverse("circulars:list") in page.text
    assert reverse("circulars:create") in page.text


def test_create_edit_and_preview_as_one_recipient(client_as, coordinator, partner_contact):
    client = client_as("coordinator")
    response = client.post(
        reverse("circulars:create"),
        {
            "subject": "Treffen verlegt",
            "subject_en": "Meeting moved",
            "body": "Das Treffen findet im **Rathaus** statt.",
            "kind": "meetings",
            "district": "mitte",
        },
    )
    circular = Circular.objects.get()
    assert response.status_code == 302 and response["Location"] == circular.get_absolute_url()
    assert circular.audience == {"district": "mitte"} and circular.created_by == coordinator
    preview = client.get(reverse("circulars:preview", args=[circular.pk]))
    assert "contact@example.org" in preview.text
    assert "<strong>Rathaus</strong>" in preview.text
    assert "Nachbarschaft Linden" in preview.text  # why the recipient gets it
    edit = client.get(reverse("circulars:update", args=[circular.pk]))
    assert 'value="mitte" selected' in edit.text
    client.post(
        reverse("circulars:update", args=[circular.pk]),
        {"subject": "Treffen verlegt!", "body": "Neu.", "kind": "membership"},
    )
    circular.refresh_from_db()
    assert circular.subject == "Treffen verlegt!" and circular.audience == {}


def test_hostile_body_is_sanitised(client_as, coordinator, partner_contact):
    circular = draft(coordinator, body="<script>alert(1)</script>[x](javascript:alert(1))")
    page = client_as("coordinator").get(reverse("circulars:preview", args=[circular.pk]))
    assert "<script>alert" not in page.text and 'href="javascript:' not in page.text


def test_partner_sees_own_circulars_on_my_network(
    client_as, coordinator, partner_contact, representative
):
    mine = sent(coordinator, recipients=[partner_contact], subject="An Carla")
    other = sent(coordinator, recipients=[representative], subject="An Rita")
    page = client_as("partner_contact").get(reverse("partners:my_network"))
    assert "An Carla" in page.text and "An Rita" not in page.text
    assert client_as("partner_contact").get(mine.get_read_url()).status_code == 200
    assert client_as("partner_contact").get(other.get_read_url()).status_code == 404
    archive = client_as("partner_contact").get(reverse("circulars:preferences"))
    assert "An Carla" in archive.text


def test_public_circular_on_news_and_in_the_feed(client, client_as, coordinator, partner_contact):
    public = sent(
        coordinator, recipients=[partner_contact], public=True, subject="Projekte gesucht"
    )
    sent(coordinator, recipients=[partner_contact], subject="Intern")
    news = client.get(reverse("posts:list"))
    assert "Projekte gesucht" in news.text and "Intern" not in news.text
    assert public.get_read_url() in news.text
    feed = client.get(reverse("posts:feed"))
    assert feed.status_code == 200
    assert "Projekte gesucht" in feed.text and "Intern" not in feed.text
    assert client.get(public.get_read_url()).status_code == 200


def test_marking_public_goes_through_the_page(client_as, coordinator, partner_contact):
    circular = sent(coordinator, recipients=[partner_contact], subject="Nachträglich öffentlich")
    client_as("coordinator").post(reverse("circulars:public", args=[circular.pk]), {"public": "1"})
    circular.refresh_from_db()
    assert circular.public
    assert "Nachträglich öffentlich" in client_as("anonymous").get(reverse("posts:list")).text


def test_a_coordinator_deleting_the_account_leaves_the_archive(coordinator, partner_contact):
    from netzwerk import services as account_services

    circular = sent(coordinator, recipients=[partner_contact])
    account_services.delete_account(user=coordinator, by=coordinator)
    circular.refresh_from_db()
    assert circular.created_by is None and circular.deliveries.count() == 1
