from http import HTTPStatus

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from core import events, registry
from materials import services
from materials.hooks import profile_sections
from materials.models import Download, SealAcceptance
from posts.models import Post
from tests.materials.factories import SealFileFactory, SealTermsFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def terms(db):
    return SealTermsFactory()


@pytest.fixture
def seal_file(db):
    return SealFileFactory()


def _download(client, seal_file):
    return client.get(reverse("materials:seal_download", kwargs={"pk": seal_file.pk}))


def test_representative_accepts_the_terms_once_and_it_is_recorded(
    client_as, partner_org, representative, terms
):
    client = client_as("representative")
    page = client.get(reverse("materials:accept_terms"))
    assert terms.text in page.text
    response = client.post(
        reverse("materials:accept_terms"), {"organisation": partner_org.pk, "confirm": "on"}
    )
    assert response.status_code == HTTPStatus.FOUND
    acceptance = SealAcceptance.objects.get()
    assert acceptance.organisation == partner_org
    assert acceptance.terms == terms
    assert acceptance.accepted_by == representative
    assert acceptance.name == representative.name
    with pytest.raises(ValidationError):
        services.accept_seal_terms(organisation=partner_org, terms=terms, by=representative)
    again = client.get(reverse("materials:accept_terms"))
    assert "bereits angenommen" in again.text


def test_acceptance_needs_the_confirmation_tick(client_as, partner_org, terms):
    response = client_as("representative").post(
        reverse("materials:accept_terms"), {"organisation": partner_org.pk}
    )
    assert response.status_code == HTTPStatus.OK
    assert not SealAcceptance.objects.exists()


def test_plain_contact_cannot_accept_the_terms(partner_contact, partner_org, terms):
    with pytest.raises(PermissionDenied):
        services.accept_seal_terms(organisation=partner_org, terms=terms, by=partner_contact)


def test_seal_files_are_refused_to_anonymous_visitors(client, seal_file):
    response = _download(client, seal_file)
    assert response.status_code == HTTPStatus.FOUND
    assert response.url.startswith(reverse("account_login"))
    assert not Download.objects.exists()


def test_seal_files_are_refused_until_the_terms_are_accepted(
    client_as, partner_org, representative, terms, seal_file
):
    contact = client_as("partner_contact")
    assert _download(contact, seal_file).status_code == HTTPStatus.FORBIDDEN
    assert _download(client_as("stranger"), seal_file).status_code == HTTPStatus.FORBIDDEN
    assert not Download.objects.exists()

    services.accept_seal_terms(organisation=partner_org, terms=terms, by=representative)
    response = _download(contact, seal_file)
    assert response.status_code == HTTPStatus.OK
    assert response["Content-Disposition"].startswith("attachment")
    assert b"".join(response.streaming_content).startswith(b"\x89PNG")
    log = Download.objects.get()
    assert log.user == contact.user
    assert log.organisation == partner_org
    assert log.seal_file == seal_file
    assert log.downloaded_at is not None


def test_organisation_that_left_loses_the_seal_at_once(
    client_as, partner_org, representative, terms, seal_file, rf
):
    services.accept_seal_terms(organisation=partner_org, terms=terms, by=representative)
    contact = client_as("partner_contact")
    assert _download(contact, seal_file).status_code == HTTPStatus.OK
    (before,) = profile_sections(rf.get("/"), partner_org)
    assert before["since"]() is not None

    partner_org.status = partner_org.Status.LEFT
    partner_org.left_on = partner_org.joined_on
    partner_org.save()
    registry.notify(events.OrganisationLeft(partner_org))

    assert _download(contact, seal_file).status_code == HTTPStatus.FORBIDDEN
    (after,) = profile_sections(rf.get("/"), partner_org)
    assert after["since"]() is None
    # The acceptance stays as a record of what happened.
    assert SealAcceptance.objects.filter(organisation=partner_org).exists()


def test_seal_page_is_public_and_offers_files_only_to_eligible_partners(
    client_as, partner_org, representative, terms, seal_file
):
    download_url = reverse("materials:seal_download", kwargs={"pk": seal_file.pk})
    anonymous = client_as("anonymous").get(reverse("materials:seal"))
    assert anonymous.status_code == HTTPStatus.OK
    assert terms.text in anonymous.text
    assert download_url not in anonymous.text
    contact = client_as("partner_contact")
    assert download_url not in contact.get(reverse("materials:seal")).text
    services.accept_seal_terms(organisation=partner_org, terms=terms, by=representative)
    assert download_url in contact.get(reverse("materials:seal")).text
    assert download_url in contact.get(reverse("materials:list")).text


def test_profile_says_since_when_the_organisation_may_carry_the_seal(
    client, partner_org, representative, terms, rf
):
    from django.template.loader import render_to_string

    (section,) = profile_sections(rf.get("/"), partner_org)
    html = render_to_string(section["template"], {"section": section})
    assert "zurzeit nicht" in html
    acceptance = services.accept_seal_terms(
        organisation=partner_org, terms=terms, by=representative
    )
    (section,) = profile_sections(rf.get("/"), partner_org)
    html = render_to_string(section["template"], {"section": section})
    assert "seit dem" in html
    # The day in Hannover, not in UTC (they differ after 23:00 in winter).
    assert section["since"]() == timezone.localtime(acceptance.accepted_at).date()


def test_event_may_carry_the_seal_only_when_the_organisation_may(
    client_as, partner_org, representative, terms
):
    data = {
        "organisation": partner_org.pk,
        "kind": "event",
        "title": "Fest mit Siegel",
        "teaser": "x",
        "starts_at": "2030-05-01T15:00",
        "place": "Lindener Marktplatz",
        "carries_seal": "on",
    }
    client = client_as("partner_contact")
    refused = client.post(reverse("posts:create"), data)
    assert refused.status_code == HTTPStatus.OK
    assert "Gütesiegel erst tragen" in refused.text
    services.accept_seal_terms(organisation=partner_org, terms=terms, by=representative)
    accepted = client.post(reverse("posts:create"), data)
    assert accepted.status_code == HTTPStatus.FOUND
    assert Post.objects.get(title="Fest mit Siegel").carries_seal


def test_coordination_panel_counts_seal_holders(client_as, partner_org, representative, terms):
    services.accept_seal_terms(organisation=partner_org, terms=terms, by=representative)
    text = client_as("coordinator").get(reverse("coordination")).text
    assert "Gütesiegel und Materialien" in text
    assert reverse("admin:materials_sealfile_changelist") in text


def test_new_terms_version_keeps_the_right_and_asks_representatives_to_accept_again(
    client_as, partner_org, representative, terms, seal_file
):
    services.accept_seal_terms(organisation=partner_org, terms=terms, by=representative)
    # Same day of validity: the higher version number is the current one.
    newer = SealTermsFactory(number=2, text="Neue Fassung der Regeln.")
    client = client_as("representative")
    page = client.get(reverse("materials:list")).text
    assert "Neue Fassung der Nutzungsbedingungen annehmen" in page
    assert _download(client, seal_file).status_code == HTTPStatus.OK
    accept = client.get(reverse("materials:accept_terms"))
    assert "Neue Fassung der Regeln." in accept.text
    client.post(
        reverse("materials:accept_terms"), {"organisation": partner_org.pk, "confirm": "on"}
    )
    assert SealAcceptance.objects.filter(organisation=partner_org, terms=newer).exists()


def test_representative_of_an_organisation_that_left_cannot_accept(
    client_as, partner_org, representative, terms
):
    partner_org.status = partner_org.Status.LEFT
    partner_org.left_on = partner_org.joined_on
    partner_org.save()
    response = client_as("representative").post(
        reverse("materials:accept_terms"), {"organisation": partner_org.pk, "confirm": "on"}
    )
    assert response.status_code == HTTPStatus.FORBIDDEN
    with pytest.raises(PermissionDenied):
        services.accept_seal_terms(organisation=partner_org, terms=terms, by=representative)
    assert not SealAcceptance.objects.exists()
