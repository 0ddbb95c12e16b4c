"""The lifecycle of a working group through the URLs people use (workgroups/policies.py)."""

import datetime
import re
from http import HTTPStatus

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tests.meetings.factories import berlin
from tests.workgroups.factories import GroupDocumentFactory
from workgroups import services
from workgroups.models import GroupDocument, Membership, WorkingGroup

pytestmark = pytest.mark.django_db


def _resolution(*, votes_yes, votes_no, start=None, **meeting_fields):
    meeting_model = WorkingGroup.meetings.field.model
    start = start or berlin(2026, 3, 12)
    meeting = meeting_model.objects.create(
        **{
            "title": "Netzwerktreffen im Frühjahr",
            "start": start,
            "end": start + datetime.timedelta(hours=2),
            "status": meeting_model.Status.HELD,
            **meeting_fields,
        }
    )
    item = meeting.agenda_items.create(title="Arbeitsgruppen", is_public=True)
    return item.resolutions.create(
        text="Wir gründen die AG Anerkennungskultur.", votes_yes=votes_yes, votes_no=votes_no
    )


def _found(client, partner_org, **data):
    return client.post(
        reverse("workgroups:found"),
        {
            "name": "Anerkennungskultur",
            "topic": "Danke sagen",
            "access": "open",
            "lead_organisation": partner_org.pk,
            **data,
        },
    )


NO_RESOLUTION = (
    "Eine Arbeitsgruppe wird nur auf einen angenommenen Beschluss des Netzwerktreffens "
    "gegründet: Bitte wählen Sie den Gründungsbeschluss."
)
NOT_OFFERED = "Bitte wählen Sie einen angenommenen Beschluss eines abgehaltenen Netzwerktreffens."


def _offered(client):
    form = client.get(reverse("workgroups:found")).text
    select = form.split('name="founding_resolution"')[1].split("</select>")[0]
    return {int(pk) for pk in re.findall(r'<option value="(\d+)"', select)}


def test_a_group_is_not_founded_without_a_resolution(clock, client_as, partner_org):
    """The agreement: a working group is founded only on an adopted resolution. Before,
    the form founded one with a note ("Beschluss vom ...") and no resolution at all."""
    clock(berlin(2026, 4, 1, 10))
    _resolution(votes_yes=12, votes_no=3)  # one is there; it just was not chosen
    client = client_as("coordinator")
    for data in [{}, {"founding_resolution": "", "founding_note": "Beschluss vom 12. März"}]:
        response = _found(client, partner_org, **data)
        assert response.status_code == HTTPStatus.OK
        assert response.context["form"].errors["founding_resolution"] == [NO_RESOLUTION]
        assert NO_RESOLUTION in response.text
    assert not WorkingGroup.objects.exists()


def test_the_service_refuses_a_founding_without_a_resolution(clock, coordinator, partner_org):
    clock(berlin(2026, 4, 1, 10))
    with pytest.raises(ValidationError) as error:
        services.found_group(
            name="Ohne Beschluss",
            topic="x",
            lead_organisation=partner_org,
            founding_resolution=None,
            founding_note="Beschluss des Netzwerktreffens",
            by=coordinator,
        )
    assert error.value.message_dict == {"founding_resolution": [NO_RESOLUTION]}
    assert not WorkingGroup.objects.exists()


def test_a_group_is_not_founded_on_a_rejected_resolution(
    clock, client_as, coordinator, partner_org
):
    clock(berlin(2026, 4, 1, 10))
    rejected = _resolution(votes_yes=3, votes_no=12)
    assert not rejected.is_adopted
    client = client_as("coordinator")
    assert rejected.pk not in _offered(client)
    response = _found(client, partner_org, founding_resolution=rejected.pk)
    assert response.status_code == HTTPStatus.OK
    assert response.context["form"].errors["founding_resolution"] == [NOT_OFFERED]
    # The service refuses it too, whoever calls it.
    with pytest.raises(ValidationError) as error:
        services.found_group(
            name="Anerkennungskultur",
            topic="x",
            lead_organisation=partner_org,
            founding_resolution=rejected,
            by=coordinator,
        )
    assert error.value.message_dict == {
        "founding_resolution": [
            "Der gewählte Beschluss wurde nicht angenommen (abgelehnt). Eine Arbeitsgruppe "
            "wird nur auf einen angenommenen Beschluss des Netzwerktreffens gegründet."
        ]
    }
    assert not WorkingGroup.objects.exists()


def test_only_adopted_resolutions_of_held_plenaries_found_a_group(
    clock, client_as, coordinator, partner_org, group
):
    clock(berlin(2026, 4, 1, 10))
    adopted = _resolution(votes_yes=12, votes_no=3)
    planned = _resolution(votes_yes=12, votes_no=3, status="planned")
    of_a_group = _resolution(votes_yes=12, votes_no=3, kind="workgroup", workgroup=group)
    client = client_as("coordinator")
    offered = _offered(client)
    assert adopted.pk in offered
    assert planned.pk not in offered
    assert of_a_group.pk not in offered
    for resolution in [planned, of_a_group]:
        response = _found(client, partner_org, founding_resolution=resolution.pk)
        assert response.context["form"].errors["founding_resolution"] == [NOT_OFFERED]
        with pytest.raises(ValidationError) as error:
            services.found_group(
                name="Anerkennungskultur",
                topic="x",
                lead_organisation=partner_org,
                founding_resolution=resolution,
                by=coordinator,
            )
        assert "nicht von einem abgehaltenen Netzwerktreffen" in str(error.value)
    assert list(WorkingGroup.objects.all()) == [group]


def test_a_group_is_founded_on_an_adopted_resolution(clock, client_as, partner_org):
    clock(berlin(2026, 4, 1, 10))
    adopted = _resolution(votes_yes=12, votes_no=3)
    response = _found(
        client_as("coordinator"),
        partner_org,
        founding_resolution=adopted.pk,
        founded_on="2026-03-12",
    )
    assert response.status_code == HTTPStatus.FOUND
    group = WorkingGroup.objects.get()
    assert group.founding_resolution == adopted
    assert group.is_active


def test_founding_date_is_bounded(clock, client_as, partner_org):
    clock(berlin(2026, 4, 1, 10))
    adopted = _resolution(votes_yes=12, votes_no=3)
    client = client_as("coordinator")
    for value, message in [
        ("0001-01-01", "Bitte geben Sie ein Datum zwischen 2000 und 2100 an."),
        ("2026-03-01", "Das Gründungsdatum darf nicht vor dem Gründungsbeschluss liegen."),
    ]:
        response = _found(client, partner_org, founding_resolution=adopted.pk, founded_on=value)
        assert response.status_code == HTTPStatus.OK
        assert response.context["form"].errors["founded_on"] == [message]
    assert not WorkingGroup.objects.exists()


def test_admin_cannot_add_a_group_around_the_founding(client_as, partner_org):
    client = client_as("coordinator")
    url = reverse("admin:workgroups_workinggroup_add")
    assert client.get(url).status_code == HTTPStatus.FORBIDDEN
    response = client.post(
        url,
        {
            "name": "Ohne Beschluss",
            "topic": "x",
            "access": "open",
            "lead_organisation": partner_org.pk,
            "founded_on": "2026-03-12",
        },
    )
    assert response.status_code == HTTPStatus.FORBIDDEN
    assert not WorkingGroup.objects.exists()


def test_founding_fields_are_locked_in_the_admin_of_an_active_group(client_as, group):
    client = client_as("coordinator")
    url = reverse("admin:workgroups_workinggroup_change", args=[group.pk])
    page = client.get(url)
    assert page.status_code == HTTPStatus.OK
    assert 'name="founded_on"' not in page.text
    assert 'name="founding_resolution"' not in page.text
    delete = client.post(
        reverse("admin:workgroups_workinggroup_delete", args=[group.pk]), {"post": "yes"}
    )
    assert delete.status_code == HTTPStatus.FORBIDDEN
    assert WorkingGroup.objects.filter(pk=group.pk).exists()


def test_rejecting_a_request_asks_for_confirmation_first(
    client_as, request_group, outsider, mailoutbox, django_capture_on_commit_callbacks
):
    organisation = outsider.contacts.get().organisation
    membership = Membership.objects.create(group=request_group, organisation=organisation)
    lead = client_as("representative")
    members = lead.get(reverse("workgroups:members", kwargs={"slug": request_group.slug})).text
    url = reverse("workgroups:decline", kwargs={"slug": request_group.slug, "pk": membership.pk})
    assert f'href="{url}"' in members  # a link to the confirmation, no one-click form

    confirm = lead.get(url)
    assert confirm.status_code == HTTPStatus.OK
    assert "Anfrage ablehnen" in confirm.text
    membership.refresh_from_db()
    assert membership.status == Membership.Status.REQUESTED  # GET changes nothing

    too_long = lead.post(url, {"reason": "x" * 2001})
    assert too_long.status_code == HTTPStatus.OK
    assert too_long.context["form"].errors["reason"]
    membership.refresh_from_db()
    assert membership.status == Membership.Status.REQUESTED

    with django_capture_on_commit_callbacks(execute=True):
        response = lead.post(url, {"reason": "Das Thema passt nicht."})
    assert response.status_code == HTTPStatus.FOUND
    membership.refresh_from_db()
    assert membership.status == Membership.Status.DECLINED
    assert "Das Thema passt nicht." in mailoutbox[-1].body


def test_group_meeting_dates_are_bounded(client_as, group):
    url = reverse("workgroups:meeting_create", kwargs={"slug": group.slug})
    response = client_as("representative").post(
        url,
        {"title": "Treffen", "start": "0001-01-01T10:00", "end": "0001-01-01T12:00"},
    )
    assert response.status_code == HTTPStatus.OK
    assert response.context["form"].errors["start"] == [
        "Bitte geben Sie ein Datum zwischen 2000 und 2100 an."
    ]


def test_closed_group_offers_no_writes_and_refuses_them(client_as, coordinator, group):
    from workgroups import services

    services.close_group(group=group, by=coordinator)
    lead = client_as("representative")
    page = lead.get(group.get_absolute_url()).text
    assert reverse("workgroups:edit", kwargs={"slug": group.slug}) not in page
    assert reverse("workgroups:document_upload", kwargs={"slug": group.slug}) not in page
    response = lead.post(
        reverse("workgroups:edit", kwargs={"slug": group.slug}),
        {"topic": "Neu", "description": "", "access": "open"},
    )
    assert response.status_code == HTTPStatus.OK
    assert "Die Arbeitsgruppe ist geschlossen." in response.text
    group.refresh_from_db()
    assert group.topic != "Neu"


def test_a_member_deletes_own_document_after_confirming_not_others(
    client_as, group, partner_contact
):
    # partner_contact works for the lead organisation, a member; it is not the lead contact.
    own = GroupDocumentFactory(group=group, uploaded_by=partner_contact)
    other = GroupDocumentFactory(group=group)
    member = client_as("partner_contact")
    page = member.get(group.get_absolute_url()).text
    own_url = reverse("workgroups:document_delete", kwargs={"slug": group.slug, "pk": own.pk})
    other_url = reverse("workgroups:document_delete", kwargs={"slug": group.slug, "pk": other.pk})
    assert own_url in page
    assert other_url not in page
    assert member.get(own_url).status_code == HTTPStatus.OK
    assert GroupDocument.objects.filter(pk=own.pk).exists()  # GET changes nothing
    assert member.post(own_url).status_code == HTTPStatus.FOUND
    assert not GroupDocument.objects.filter(pk=own.pk).exists()
    assert member.post(other_url).status_code == HTTPStatus.FORBIDDEN
    assert GroupDocument.objects.filter(pk=other.pk).exists()


def test_coordinator_hands_over_the_lead_in_the_admin_through_the_service(
    client_as, group, coordinating_org
):
    url = reverse("admin:workgroups_workinggroup_change", args=[group.pk])
    response = client_as("coordinator").post(
        url,
        {
            "name": group.name,
            "topic": group.topic,
            "description": group.description,
            "access": group.access,
            "lead_organisation": coordinating_org.pk,
            "lead_contact": "",
            "founding_note": "",
            "memberships-TOTAL_FORMS": "0",
            "memberships-INITIAL_FORMS": "0",
            "memberships-MIN_NUM_FORMS": "0",
            "memberships-MAX_NUM_FORMS": "1000",
        },
    )
    assert response.status_code == HTTPStatus.FOUND, response.context["adminform"].form.errors
    group.refresh_from_db()
    assert group.lead_organisation == coordinating_org
    assert group.memberships.active().filter(organisation=coordinating_org).exists()
