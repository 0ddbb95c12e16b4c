from http import HTTPStatus

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.workgroups.factories import MINIMAL_PDF, GroupDocumentFactory, member_group
from workgroups.models import GroupDocument

pytestmark = pytest.mark.django_db


def _upload(client, group, *, content=MINIMAL_PDF, name="plan.pdf", public=False):
    data = {"title": "Arbeitsplan", "file": SimpleUploadedFile(name, content)}
    if public:
        data["is_public"] = "on"
    return client.post(reverse("workgroups:document_upload", kwargs={"slug": group.slug}), data)


def test_member_uploads_internal_document_that_only_members_read(client_as, group):
    response = _upload(client_as("partner_contact"), group)
    assert response.status_code == HTTPStatus.FOUND
    document = GroupDocument.objects.get()
    assert not document.is_public
    assert document.filename == "plan.pdf"
    assert document.uploaded_by.email == "contact@example.org"
    # The stored name is random, not the uploaded one.
    assert "plan" not in document.file.name
    url = reverse("workgroups:document", kwargs={"slug": group.slug, "pk": document.pk})

    download = client_as("representative").get(url)
    assert download.status_code == HTTPStatus.OK
    assert b"".join(download.streaming_content) == MINIMAL_PDF
    assert client_as("coordinator").get(url).status_code == HTTPStatus.OK
    for role in ["anonymous", "stranger", "speaker", "outsider"]:
        assert client_as(role).get(url).status_code == HTTPStatus.NOT_FOUND, role

    assert "Arbeitsplan" in client_as("partner_contact").get(group.get_absolute_url()).text
    for role in ["anonymous", "outsider"]:
        page = client_as(role).get(group.get_absolute_url()).text
        assert "Arbeitsplan" not in page
        assert url not in page


def test_public_document_is_readable_by_everyone(client_as, group):
    _upload(client_as("coordinator"), group, public=True)
    document = GroupDocument.objects.get()
    url = reverse("workgroups:document", kwargs={"slug": group.slug, "pk": document.pk})
    assert client_as("anonymous").get(url).status_code == HTTPStatus.OK
    assert url in client_as("anonymous").get(group.get_absolute_url()).text


def test_guessing_a_document_of_another_group_under_a_readable_group_is_404(
    client_as, group, coordinating_org
):
    other = member_group(lead=coordinating_org, name="Anerkennungskultur")
    secret = GroupDocumentFactory(group=other)
    url = reverse("workgroups:document", kwargs={"slug": group.slug, "pk": secret.pk})
    assert client_as("representative").get(url).status_code == HTTPStatus.NOT_FOUND
    direct = reverse("workgroups:document", kwargs={"slug": other.slug, "pk": secret.pk})
    assert client_as("representative").get(direct).status_code == HTTPStatus.NOT_FOUND
    assert client_as("speaker").get(direct).status_code == HTTPStatus.OK


def test_a_member_that_left_no_longer_reads_internal_documents(client_as, group, outsider):
    client = client_as("outsider")
    client.post(reverse("workgroups:join", kwargs={"slug": group.slug}))
    document = GroupDocumentFactory(group=group)
    url = reverse("workgroups:document", kwargs={"slug": group.slug, "pk": document.pk})
    assert client.get(url).status_code == HTTPStatus.OK
    client.post(reverse("workgroups:leave", kwargs={"slug": group.slug}))
    assert client.get(url).status_code == HTTPStatus.NOT_FOUND


def test_upload_refuses_files_that_are_not_documents(client_as, group):
    response = _upload(
        client_as("partner_contact"), group, content=b"<script>alert(1)</script>", name="x.pdf"
    )
    assert response.status_code == HTTPStatus.OK
    assert "Dieser Dateityp ist nicht erlaubt." in response.text
    assert not GroupDocument.objects.exists()


def test_non_member_cannot_upload(client_as, group):
    response = _upload(client_as("outsider"), group)
    assert response.status_code == HTTPStatus.FORBIDDEN
    assert not GroupDocument.objects.exists()
