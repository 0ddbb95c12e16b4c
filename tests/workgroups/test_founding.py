import datetime
import html
import re
from http import HTTPStatus

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from tests.meetings.factories import berlin
from tests.workgroups.factories import adopted_resolution
from workgroups import services
from workgroups.models import Membership, WorkingGroup

pytestmark = pytest.mark.django_db


def test_coordinator_founds_group_and_lead_organisation_becomes_first_member(
    client_as, partner_org, lead_contact
):
    resolution = adopted_resolution(start=berlin(2026, 3, 12))
    client = client_as("coordinator")
    response = client.post(
        reverse("workgroups:found"),
        {
            "name": "Engagement im Quartier",
            "topic": "Nachbarschaft",
            "description": "Wir vernetzen Initiativen im Stadtteil.",
            "access": "request",
            "lead_organisation": partner_org.pk,
            "lead_contact": lead_contact.pk,
            "founded_on": "2026-03-12",
            "founding_resolution": resolution.pk,
            "founding_note": "Beschluss des Netzwerktreffens im März",
        },
    )
    group = WorkingGroup.objects.get(slug="engagement-im-quartier")
    assert response.status_code == HTTPStatus.FOUND
    assert response.url == group.get_absolute_url()
    assert group.is_active
    assert group.founding_resolution == resolution
    assert str(group.founded_on) == "2026-03-12"
    membership = group.memberships.get()
    assert membership.organisation == partner_org
    assert membership.status == Membership.Status.ACTIVE
    assert list(membership.contacts.all()) == [lead_contact]
    page = client.get(group.get_absolute_url())
    assert "Engagement im Quartier" in page.text
    assert "Beschluss des Netzwerktreffens im März" in page.text


def test_lead_contact_must_belong_to_lead_organisation(client_as, coordinating_org, lead_contact):
    response = client_as("coordinator").post(
        reverse("workgroups:found"),
        {
            "name": "Anerkennungskultur",
            "topic": "Danke sagen",
            "access": "open",
            "lead_organisation": coordinating_org.pk,
            "lead_contact": lead_contact.pk,
        },
    )
    assert response.status_code == HTTPStatus.OK
    assert "Die Ansprechperson muss zur leitenden Organisation gehören." in response.text
    assert not WorkingGroup.objects.exists()


def test_partner_cannot_found_group_through_the_service(representative, partner_org):
    with pytest.raises(PermissionDenied):
        services.found_group(
            name="Heimlich",
            topic="x",
            lead_organisation=partner_org,
            founding_resolution=adopted_resolution(),
            by=representative,
        )


def _found(client, partner_org, **data):
    """POST the founding form, on an adopted resolution unless `data` says otherwise."""
    if "founding_resolution" not in data:
        data["founding_resolution"] = adopted_resolution().pk
    return client.post(
        reverse("workgroups:found"),
        {
            "name": "Engagement im Quartier",
            "topic": "Nachbarschaft",
            "access": "open",
            "lead_organisation": partner_org.pk,
            **data,
        },
    )


def test_coordinator_cannot_found_a_second_active_group_of_the_same_name(
    client_as, partner_org, group
):
    client = client_as("coordinator")
    response = _found(client, partner_org, name=" digitale beteiligung ")
    assert response.status_code == HTTPStatus.OK
    assert response.context["form"].errors["name"] == [
        "Es gibt bereits eine aktive Arbeitsgruppe „digitale beteiligung“."
    ]
    assert WorkingGroup.objects.count() == 1
    listing = client.get(reverse("workgroups:list")).text
    assert listing.count("Digitale Beteiligung</a>") == 1


def test_service_refuses_a_second_active_group_of_the_same_name(coordinator, partner_org, group):
    with pytest.raises(ValidationError) as error:
        services.found_group(
            name="Digitale Beteiligung",
            topic="b",
            lead_organisation=partner_org,
            founding_resolution=adopted_resolution(),
            by=coordinator,
        )
    assert error.value.message_dict == {
        "name": ["Es gibt bereits eine aktive Arbeitsgruppe „Digitale Beteiligung“."]
    }


def test_name_of_a_closed_group_can_be_used_again_with_a_new_slug(coordinator, partner_org, group):
    services.close_group(group=group, by=coordinator)
    second = services.found_group(
        name="Digitale Beteiligung",
        topic="b",
        lead_organisation=partner_org,
        founding_resolution=adopted_resolution(),
        by=coordinator,
    )
    assert group.slug == "digitale-beteiligung"
    assert second.slug == "digitale-beteiligung-2"


def test_coordinator_cannot_found_a_group_in_the_future(client_as, partner_org):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = _found(client_as("coordinator"), partner_org, founded_on=tomorrow.isoformat())
    assert response.status_code == HTTPStatus.OK
    assert response.context["form"].errors["founded_on"] == [
        "Das Gründungsdatum darf nicht in der Zukunft liegen."
    ]
    assert not WorkingGroup.objects.exists()
    today = _found(
        client_as("coordinator"), partner_org, founded_on=timezone.localdate().isoformat()
    )
    assert today.status_code == HTTPStatus.FOUND


def test_service_refuses_a_founding_date_in_the_future(coordinator, partner_org):
    with pytest.raises(ValidationError) as error:
        services.found_group(
            name="Zukunft",
            topic="x",
            lead_organisation=partner_org,
            founded_on=timezone.localdate() + datetime.timedelta(days=1),
            founding_resolution=adopted_resolution(),
            by=coordinator,
        )
    assert error.value.message_dict == {
        "founded_on": ["Das Gründungsdatum darf nicht in der Zukunft liegen."]
    }


def test_coordinator_closes_group_after_confirming_and_it_moves_to_the_archive(client_as, group):
    client = client_as("coordinator")
    confirm = client.get(reverse("workgroups:close", kwargs={"slug": group.slug}))
    assert confirm.status_code == HTTPStatus.OK
    assert "Gruppe endgültig schließen" in confirm.text
    group.refresh_from_db()
    assert group.is_active  # GET changes nothing

    response = client.post(reverse("workgroups:close", kwargs={"slug": group.slug}), follow=True)
    assert "Die Arbeitsgruppe „Digitale Beteiligung“ ist geschlossen." in response.text
    group.refresh_from_db()
    assert group.status == WorkingGroup.Status.CLOSED
    assert group.closed_on is not None

    listing = client_as("anonymous").get(reverse("workgroups:list")).text
    active_part, archive_part = listing.split("Archiv: geschlossene Arbeitsgruppen")
    assert "Digitale Beteiligung" not in active_part
    assert "Digitale Beteiligung" in archive_part


def test_closing_declines_open_requests(coordinator, request_group, outsider):
    organisation = outsider.contacts.get().organisation
    membership = services.join_group(group=request_group, organisation=organisation, by=outsider)
    assert membership.status == Membership.Status.REQUESTED
    services.close_group(group=request_group, by=coordinator)
    membership.refresh_from_db()
    assert membership.status == Membership.Status.DECLINED


def test_closed_group_cannot_be_closed_again_or_joined(client_as, coordinator, group, outsider):
    services.close_group(group=group, by=coordinator)
    with pytest.raises(ValidationError):
        services.close_group(group=group, by=coordinator)
    client = client_as("outsider")
    response = client.post(reverse("workgroups:join", kwargs={"slug": group.slug}), follow=True)
    assert "Die Arbeitsgruppe ist geschlossen." in response.text
    assert not group.memberships.filter(organisation__slug="sportfreunde-kleefeld").exists()


def test_lead_edits_description_other_partner_cannot(client_as, group):
    url = reverse("workgroups:edit", kwargs={"slug": group.slug})
    response = client_as("representative").post(
        url,
        {
            "topic": "Online mitreden",
            "description": "**Neu:** Wir testen Werkzeuge.",
            "access": "request",
        },
    )
    assert response.status_code == HTTPStatus.FOUND
    page = client_as("anonymous").get(group.get_absolute_url()).text
    assert "<strong>Neu:</strong> Wir testen Werkzeuge." in page
    assert "Online mitreden" in page
    assert "auf Anfrage: die Leitung entscheidet" in page
    assert client_as("partner_contact").post(url, {"topic": "x"}).status_code == (
        HTTPStatus.FORBIDDEN
    )


def test_description_markdown_is_sanitised(client_as, group):
    client_as("coordinator").post(
        reverse("workgroups:edit", kwargs={"slug": group.slug}),
        {
            "topic": "x",
            "description": "<script>alert(1)</script>[a](javascript:alert(1))",
            "access": "open",
        },
    )
    page = client_as("anonymous").get(group.get_absolute_url()).text
    assert "<script>alert(1)" not in page
    assert "javascript:" not in page


def test_group_founded_by_a_resolution_links_to_it(client_as, partner_org):
    meeting_model = WorkingGroup.meetings.field.model
    start = timezone.now() - datetime.timedelta(days=30)
    meeting = meeting_model.objects.create(
        title="Netzwerktreffen im Herbst",
        start=start,
        end=start + datetime.timedelta(hours=2),
        status=meeting_model.Status.HELD,
    )
    item = meeting.agenda_items.create(title="Arbeitsgruppen", is_public=True)
    resolution = item.resolutions.create(
        text="Wir gründen die AG Anerkennungskultur.", votes_yes=20
    )
    client = client_as("coordinator")
    form = client.get(reverse("workgroups:found")).text
    assert "Wir gründen die AG Anerkennungskultur." in form
    client.post(
        reverse("workgroups:found"),
        {
            "name": "Anerkennungskultur",
            "topic": "Danke sagen",
            "access": "open",
            "lead_organisation": partner_org.pk,
            "founding_resolution": resolution.pk,
        },
    )
    group = WorkingGroup.objects.get()
    assert group.founding_resolution == resolution
    page = client_as("anonymous").get(group.get_absolute_url()).text
    assert "Beschluss: Netzwerktreffen im Herbst" in page
    assert resolution.get_absolute_url() in page


def test_resolutions_with_the_same_text_are_told_apart_by_meeting_and_date(client_as):
    meeting_model = WorkingGroup.meetings.field.model
    resolutions = []
    for title, start in [
        ("Netzwerktreffen im Frühjahr", datetime.datetime(2026, 3, 12, 18, tzinfo=datetime.UTC)),
        ("Netzwerktreffen im Herbst", datetime.datetime(2026, 10, 8, 18, tzinfo=datetime.UTC)),
    ]:
        meeting = meeting_model.objects.create(
            title=title,
            start=start,
            end=start + datetime.timedelta(hours=2),
            status=meeting_model.Status.HELD,
        )
        item = meeting.agenda_items.create(title="Arbeitsgruppen", is_public=True)
        resolutions.append(
            item.resolutions.create(
                text="Das Netzwerktreffen beschließt die Gründung einer Arbeitsgruppe "
                "zum Thema Engagement im Quartier.",
                votes_yes=20,
            )
        )
    form = client_as("coordinator").get(reverse("workgroups:found")).text
    select = form.split('name="founding_resolution"')[1].split("</select>")[0]
    options = re.findall(r'<option value="(\d+)"[^>]*>([^<]*)</option>', select)
    labels = {int(pk): html.unescape(label) for pk, label in options}
    assert labels[resolutions[0].pk] == (
        "Das Netzwerktreffen beschließt die Gründung einer Arbeitsgr… "
        "– Netzwerktreffen im Frühjahr, 12. März 2026"
    )
    assert labels[resolutions[1].pk] == (
        "Das Netzwerktreffen beschließt die Gründung einer Arbeitsgr… "
        "– Netzwerktreffen im Herbst, 8. Oktober 2026"
    )
