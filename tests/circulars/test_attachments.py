"""Documents of the materials linked to a circular: chosen on the form, linked in the mail,
shown in the archive; only public ones, fixed once the circular went out."""

import pytest
from django.core.exceptions import ValidationError
from django.db.models import ProtectedError
from django.urls import reverse

from circulars import services
from circulars.mail import build_message
from circulars.models import Circular
from materials.models import Document
from tests.circulars.factories import draft, sent
from tests.materials.factories import DocumentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def flyer(db):
    return DocumentFactory(title="Flyer Bürgermitwirkung", audience=Document.Audience.PUBLIC)


@pytest.fixture
def internal(db):
    return DocumentFactory(title="Interne Liste", audience=Document.Audience.PARTNERS)


def test_the_form_offers_public_documents_and_stores_the_choice(client_as, flyer, internal):
    client = client_as("coordinator")
    form = client.get(reverse("circulars:create"))
    assert "Flyer Bürgermitwirkung" in form.text and "Interne Liste" not in form.text
    response = client.post(
        reverse("circulars:create"),
        {
            "subject": "Mit Anhang",
            "body": "Siehe Anhang.",
            "kind": "membership",
            "attachments": [flyer.pk],
        },
    )
    circular = Circular.objects.get()
    assert response.status_code == 302
    assert list(circular.attachments.all()) == [flyer]
    forged = client.post(
        reverse("circulars:update", args=[circular.pk]),
        {"subject": "Mit Anhang", "body": "x", "kind": "membership", "attachments": [internal.pk]},
    )
    assert forged.status_code == 200  # not a choice: the form says so
    assert list(circular.attachments.all()) == [flyer]
    edit = client.get(reverse("circulars:update", args=[circular.pk]))
    assert edit.context["form"]["attachments"].value() == [flyer.pk]


def test_the_service_refuses_documents_that_are_not_public(coordinator, internal):
    with pytest.raises(ValidationError, match="öffentliche"):
        services.create_circular(
            by=coordinator, subject="x", body="y", kind="membership", attachments=[internal]
        )
    assert not Circular.objects.exists()


def test_the_mail_links_the_documents(coordinator, flyer, settings):
    settings.SITE_URL = "https://netzwerk.example"
    circular = draft(coordinator, attachments=[flyer])
    message = build_message(circular, email="a@example.org", name="A", organisation_name="O")
    url = "https://netzwerk.example" + flyer.get_absolute_url()
    assert f"- Flyer Bürgermitwirkung (PDF): {url}" in message.body
    html = message.alternatives[0][0]
    assert f'<a href="{url}">Flyer Bürgermitwirkung</a>' in html
    assert not message.attachments  # links, not files


def test_the_archive_shows_them_and_anyone_downloads_a_public_one(
    client, coordinator, flyer, partner_contact
):
    circular = sent(coordinator, recipients=[partner_contact], public=True)
    Circular.objects.filter(pk=circular.pk).update(state=Circular.State.DRAFT)
    services.update_circular(circular=circular, by=coordinator, attachments=[flyer])
    Circular.objects.filter(pk=circular.pk).update(state=Circular.State.SENT)
    page = client.get(circular.get_read_url())
    assert flyer.get_absolute_url() in page.text and "Flyer Bürgermitwirkung" in page.text
    assert client.get(flyer.get_absolute_url()).status_code == 200


def test_attachments_of_a_sent_circular_stay(coordinator, flyer, partner_contact):
    circular = draft(coordinator, attachments=[flyer])
    Circular.objects.filter(pk=circular.pk).update(state=Circular.State.SENT)
    other = DocumentFactory(title="Neu", audience=Document.Audience.PUBLIC)
    with pytest.raises(ValidationError):
        services.update_circular(circular=circular, by=coordinator, attachments=[other])
    with pytest.raises(ProtectedError):
        flyer.delete()
    assert list(circular.attachments.all()) == [flyer]


def test_a_document_linked_only_from_drafts_can_go(coordinator, flyer):
    circular = draft(coordinator, attachments=[flyer])
    flyer.delete()
    assert not circular.attachments.exists()
