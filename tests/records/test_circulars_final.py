"""A sent circular is a final record: what went out is what the archive shows.

Once it leaves the draft, its subject, text, kind and audience are refused by the
views, the services, the admin, save(), QuerySet.update() and delete(); the worker
still moves state and timestamps, and the public flag may still change.
"""

from http import HTTPStatus

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from circulars import services
from circulars.models import Circular, CircularAttachment
from core.records import FinalRecordError
from materials.models import Document
from tests.circulars.factories import draft, sent
from tests.materials.factories import DocumentFactory
from tests.partners.admin_post import admin_change_data

pytestmark = pytest.mark.django_db

GOVERNED = [Circular, CircularAttachment]


@pytest.fixture
def circular(coordinator, partner_contact):
    made = sent(coordinator, recipients=[partner_contact], subject="Wie versandt")
    assert made.locked_fields() and not draft(coordinator).locked_fields()
    return made


def test_sent_circular_refuses_save_update_and_delete(circular):
    for field, value in [
        ("subject", "Anders"),
        ("body", "Neuer Text"),
        ("kind", Circular.Kind.NEWSLETTER),
        ("audience", {"district": "mitte"}),
    ]:
        stale = Circular.objects.get(pk=circular.pk)
        setattr(stale, field, value)
        with pytest.raises(FinalRecordError):
            stale.save()
        with pytest.raises(FinalRecordError):
            Circular.objects.filter(pk=circular.pk).update(**{field: value})
    with pytest.raises(FinalRecordError):
        Circular.objects.filter(pk=circular.pk).delete()
    with pytest.raises(FinalRecordError):
        Circular.objects.get(pk=circular.pk).delete()
    stored = Circular.objects.get(pk=circular.pk)
    assert (stored.subject, stored.kind, stored.audience) == ("Wie versandt", "membership", {})


def test_the_worker_and_the_public_flag_still_move(circular, coordinator):
    Circular.objects.filter(pk=circular.pk).update(finished_at=timezone.now())
    services.set_public(circular=circular, by=coordinator, public=True)
    assert Circular.objects.get(pk=circular.pk).public


def test_a_draft_changes_freely(coordinator):
    made = draft(coordinator)
    Circular.objects.filter(pk=made.pk).update(subject="Neu")
    made.refresh_from_db()
    made.body = "Anders"
    made.save()
    services.delete_circular(circular=made, by=coordinator)
    assert not Circular.objects.exists()


def test_sent_circular_refuses_the_services(circular, coordinator):
    with pytest.raises(ValidationError, match="nicht mehr geändert"):
        services.update_circular(circular=circular, by=coordinator, subject="Anders")
    with pytest.raises(ValidationError):
        services.queue_circular(circular=circular, by=coordinator)
    with pytest.raises(ValidationError, match="bleibt im Archiv"):
        services.delete_circular(circular=circular, by=coordinator)


def test_sent_circular_refuses_its_edit_page(client_as, circular):
    client = client_as("coordinator")
    response = client.post(
        reverse("circulars:update", args=[circular.pk]),
        {"subject": "Anders", "body": "Neu", "kind": "membership"},
        follow=True,
    )
    assert "nicht mehr geändert" in response.text
    assert Circular.objects.get(pk=circular.pk).subject == "Wie versandt"


def test_the_admin_reads_a_sent_circular_and_changes_only_drafts(client_as, circular, coordinator):
    client = client_as("coordinator")
    change_url = reverse("admin:circulars_circular_change", args=[circular.pk])
    page = client.get(change_url)
    assert page.status_code == HTTPStatus.OK
    assert 'name="subject"' not in page.text  # read-only
    assert client.post(change_url, {"subject": "Anders"}).status_code == HTTPStatus.FORBIDDEN
    delete_url = reverse("admin:circulars_circular_delete", args=[circular.pk])
    assert client.post(delete_url, {"post": "yes"}).status_code == HTTPStatus.FORBIDDEN
    assert Circular.objects.get(pk=circular.pk).subject == "Wie versandt"
    assert client.get(reverse("admin:circulars_circular_add")).status_code == HTTPStatus.FORBIDDEN

    made = draft(coordinator)
    change_url = reverse("admin:circulars_circular_change", args=[made.pk])
    page = client.get(change_url)
    assert 'name="subject"' in page.text
    response = client.post(change_url, admin_change_data(page, subject="Im Admin geändert"))
    assert response.status_code == HTTPStatus.FOUND, response.text[:2000]
    assert Circular.objects.get(pk=made.pk).subject == "Im Admin geändert"
    delete_url = reverse("admin:circulars_circular_delete", args=[made.pk])
    assert client.post(delete_url, {"post": "yes"}).status_code == HTTPStatus.FOUND
    assert not Circular.objects.filter(pk=made.pk).exists()


def test_the_attachments_of_a_sent_circular_stay(coordinator):
    flyer = DocumentFactory(title="Flyer", audience=Document.Audience.PUBLIC)
    other = DocumentFactory(title="Anderes", audience=Document.Audience.PUBLIC)
    made = draft(coordinator, attachments=[flyer])
    Circular.objects.filter(pk=made.pk).update(state=Circular.State.SENT)
    made.refresh_from_db()
    link = CircularAttachment.objects.get()
    for write in [
        lambda: made.attachments.add(other),
        lambda: made.attachments.remove(flyer),
        lambda: made.attachments.clear(),
        lambda: made.attachments.set([other]),
        lambda: other.circulars.add(made),
        lambda: flyer.circulars.clear(),
        lambda: CircularAttachment.objects.create(circular=made, document=other),
        lambda: CircularAttachment.objects.bulk_create(
            [CircularAttachment(circular=made, document=other)]
        ),
        lambda: CircularAttachment.objects.filter(pk=link.pk).update(document=other),
        lambda: CircularAttachment.objects.filter(pk=link.pk).delete(),
        lambda: CircularAttachment.objects.get(pk=link.pk).delete(),
    ]:
        # Django's related managers write inside atomic(savepoint=False): each its own block.
        with pytest.raises(FinalRecordError), transaction.atomic():
            write()
    link.document = other
    with pytest.raises(FinalRecordError):
        link.save()
    assert list(Circular.objects.get(pk=made.pk).attachments.all()) == [flyer]
