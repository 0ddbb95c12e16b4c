"""Reproduction 5: the agreement names exactly two coordinating organisations."""

from http import HTTPStatus

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from partners import services
from partners.models import Organisation
from tests.factories import OrganisationFactory
from tests.partners.admin_post import admin_change_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_coordinating(coordinating_org):
    OrganisationFactory(
        name="Landeshauptstadt Hannover", slug="landeshauptstadt-hannover", is_coordinating=True
    )
    return Organisation.objects.coordinating()


def test_ticking_is_coordinating_in_the_admin_makes_no_third_coordinator(
    two_coordinating, partner_org, client_as
):
    client = client_as("coordinator")
    url = reverse("admin:partners_organisation_change", args=[partner_org.pk])
    page = client.get(url)
    assert page.status_code == HTTPStatus.OK
    data = admin_change_data(page, is_coordinating="on", description="Neu beschrieben")
    response = client.post(url, data)
    assert response.status_code == HTTPStatus.FOUND  # the rest of the form is saved
    partner_org.refresh_from_db()
    assert partner_org.description == "Neu beschrieben"
    assert not partner_org.is_coordinating
    assert Organisation.objects.coordinating().count() == 2


def test_the_admin_action_refuses_a_third_coordinator_with_a_reason(
    two_coordinating, partner_org, client_as
):
    response = client_as("coordinator").post(
        reverse("admin:partners_organisation_changelist"),
        {"action": "make_coordinating", "_selected_action": [partner_org.pk]},
        follow=True,
    )
    assert "genau zwei koordinierende Organisationen" in response.text
    assert Organisation.objects.coordinating().count() == 2


def test_the_admin_action_names_a_coordinator_when_a_place_is_free(
    coordinating_org, partner_org, client_as
):
    client_as("coordinator").post(
        reverse("admin:partners_organisation_changelist"),
        {"action": "make_coordinating", "_selected_action": [partner_org.pk]},
    )
    partner_org.refresh_from_db()
    assert partner_org.is_coordinating


def test_the_service_and_the_model_refuse_a_third_coordinator(
    two_coordinating, partner_org, coordinator, representative
):
    with pytest.raises(ValidationError, match="genau zwei"):
        services.set_coordinating(organisation=partner_org, by=coordinator, value=True)
    with pytest.raises(PermissionDenied):
        services.set_coordinating(organisation=partner_org, by=representative, value=True)
    partner_org.is_coordinating = True
    with pytest.raises(ValidationError, match="genau zwei"):
        partner_org.save()
    with pytest.raises(ValidationError, match="genau zwei"):
        OrganisationFactory(name="Dritte Koordination", is_coordinating=True)
    assert Organisation.objects.coordinating().count() == 2


def test_a_coordinating_organisation_saves_its_profile_as_before(two_coordinating):
    organisation = two_coordinating.first()
    organisation.description = "Koordination des Netzwerks"
    organisation.save()
    organisation.refresh_from_db()
    assert organisation.description == "Koordination des Netzwerks"
