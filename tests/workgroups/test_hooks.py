import pytest
from django.test import RequestFactory
from django.urls import reverse

from core import events, registry
from core.roles import get_roles
from partners.models import Organisation
from tests.workgroups.factories import member_group
from workgroups import hooks, services
from workgroups.models import Membership

pytestmark = pytest.mark.django_db


def _request(user):
    request = RequestFactory().get("/")
    request.user = user
    return request


def test_partner_leaving_the_network_leaves_its_groups(
    group, request_group, outsider, coordinating_org
):
    organisation = get_roles(outsider).organisations[0]
    other = member_group(lead=coordinating_org, name="Anerkennungskultur")
    services.join_group(group=other, organisation=organisation, by=outsider)
    open_request = services.join_group(group=request_group, organisation=organisation, by=outsider)
    assert open_request.status == Membership.Status.REQUESTED

    organisation.status = Organisation.Status.LEFT
    organisation.save()
    hooks.organisation_left(events.OrganisationLeft(organisation))

    statuses = set(
        Membership.objects.filter(organisation=organisation).values_list("status", flat=True)
    )
    assert statuses == {Membership.Status.LEFT}
    assert hooks.profile_sections(_request(None), organisation) == []


def test_exit_reaches_the_hook_through_the_registry(group, outsider):
    # The partners app announces OrganisationLeft when an exit is confirmed.
    organisation = get_roles(outsider).organisations[0]
    services.join_group(group=group, organisation=organisation, by=outsider)
    registry.notify(events.OrganisationLeft(organisation))
    assert group.memberships.get(organisation=organisation).status == Membership.Status.LEFT


def test_profile_lists_the_organisations_active_groups(
    group, coordinator, coordinating_org, partner_org
):
    closed = member_group(lead=partner_org, name="Freiwilligenbörse")
    services.close_group(group=closed, by=coordinator)
    sections = hooks.profile_sections(_request(None), partner_org)
    assert [g.name for g in sections[0]["groups"]] == ["Digitale Beteiligung"]
    assert hooks.profile_sections(_request(None), coordinating_org) == []


def test_coordination_page_shows_quiet_groups_requests_and_founding_link(
    client_as, request_group, outsider
):
    services.join_group(
        group=request_group, organisation=get_roles(outsider).organisations[0], by=outsider
    )
    page = client_as("coordinator").get(reverse("coordination")).text
    assert "Ohne Treffen in den letzten sechs Monaten" in page
    assert "Digitale Beteiligung" in page
    assert "Sportfreunde Kleefeld → Digitale Beteiligung" in page
    assert reverse("workgroups:found") in page
    speaker_page = client_as("speaker").get(reverse("coordination")).text
    assert "Sportfreunde Kleefeld → Digitale Beteiligung" in speaker_page
    assert reverse("workgroups:found") not in speaker_page


def test_my_network_lists_groups_requests_and_requests_to_decide(
    request_group, outsider, representative
):
    services.join_group(
        group=request_group, organisation=get_roles(outsider).organisations[0], by=outsider
    )
    [mine] = hooks.my_network_sections(_request(outsider))
    assert mine["memberships"] == []
    assert [m.group.name for m in mine["requests"]] == ["Digitale Beteiligung"]
    [lead] = hooks.my_network_sections(_request(representative))
    assert [m.group.name for m in lead["memberships"]] == ["Digitale Beteiligung"]
    assert [m.organisation.name for m in lead["decidable"]] == ["Sportfreunde Kleefeld"]


def test_personal_data_lists_the_users_group_memberships(group, outsider):
    services.join_group(group=group, organisation=get_roles(outsider).organisations[0], by=outsider)
    assert hooks.personal_data(outsider) == {
        "arbeitsgruppen": [
            {
                "gruppe": "Digitale Beteiligung",
                "organisation": "Sportfreunde Kleefeld",
                "status": "Mitglied",
            }
        ]
    }
