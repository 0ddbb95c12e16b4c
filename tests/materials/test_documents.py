from http import HTTPStatus

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from materials.forms import DocumentForm
from materials.models import Document, Download
from tests.materials.factories import DocumentFactory
from tests.matrix import ROLES

pytestmark = pytest.mark.django_db

# role → audiences it may download
AUDIENCES = {
    "anonymous": {"public"},
    "stranger": {"public"},
    "partner_contact": {"public", "partners"},
    "representative": {"public", "partners"},
    "speaker": {"public", "partners", "speaker_group"},
    "coordinator": {"public", "partners", "speaker_group", "coordinators"},
}


@pytest.fixture
def documents(db):
    return {
        audience: DocumentFactory(audience=audience, title=f"Dokument für {audience}")
        for audience in Document.Audience.values
    }


@pytest.mark.parametrize("role", ROLES)
def test_every_document_is_served_only_to_its_audience(role, documents, client_as):
    client = client_as(role)
    for audience, document in documents.items():
        url = reverse("materials:document_download", kwargs={"pk": document.pk})
        response = client.get(url)
        if audience in AUDIENCES[role]:
            assert response.status_code == HTTPStatus.OK, (role, audience)
            assert b"".join(response.streaming_content).startswith(b"%PDF")
        elif role == "anonymous":
            assert response.status_code == HTTPStatus.FOUND
            assert response.url.startswith(reverse("account_login"))
        else:
            assert response.status_code == HTTPStatus.NOT_FOUND, (role, audience)


@pytest.mark.parametrize("role", ["partner_contact", "speaker", "coordinator"])
def test_materials_page_lists_only_the_documents_of_the_users_audiences(role, documents, client_as):
    text = client_as(role).get(reverse("materials:list")).text
    for audience, document in documents.items():
        assert (document.title in text) == (audience in AUDIENCES[role]), (role, audience)


def test_guessed_document_ids_reveal_nothing_to_anonymous_visitors(client, documents):
    secret = documents["coordinators"]
    missing = client.get(reverse("materials:document_download", kwargs={"pk": 999999}))
    hidden = client.get(reverse("materials:document_download", kwargs={"pk": secret.pk}))
    assert missing.status_code == hidden.status_code == HTTPStatus.FOUND


def test_document_downloads_are_logged(client_as, documents, partner_org):
    client = client_as("partner_contact")
    client.get(reverse("materials:document_download", kwargs={"pk": documents["partners"].pk}))
    log = Download.objects.get()
    assert log.document == documents["partners"]
    assert log.organisation == partner_org


def test_materials_page_sends_anonymous_visitors_to_login_and_strangers_away(client_as):
    anonymous = client_as("anonymous").get(reverse("materials:list"))
    assert anonymous.status_code == HTTPStatus.FOUND
    assert anonymous.url.startswith(reverse("account_login"))
    assert client_as("stranger").get(reverse("materials:list")).status_code == 403


def test_document_upload_is_checked_by_content():
    form = DocumentForm(
        data={"title": "Mappe", "audience": "partners", "version": "1", "issued_on": "2026-01-01"},
        files={"file": SimpleUploadedFile("mappe.pdf", b"<html><script></script></html>")},
    )
    assert not form.is_valid()
    assert "Dateityp" in str(form.errors["file"])
    good = DocumentForm(
        data={"title": "Mappe", "audience": "partners", "version": "1", "issued_on": "2026-01-01"},
        files={"file": SimpleUploadedFile("mappe.exe", b"%PDF-1.4\n...")},
    )
    assert good.is_valid(), good.errors
    assert good.save().file.name.endswith(".pdf")
