"""A working group's lead writes to the group's active members, if the coordinators allow it."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from circulars import policies, services
from circulars.models import Circular, CircularSettings, Delivery
from partners.models import Contact
from tests.circulars.factories import draft
from tests.factories import ContactFactory, OrganisationFactory
from tests.workgroups.factories import member_group

pytestmark = pytest.mark.django_db


@pytest.fixture
def group(partner_org, representative):
    member = OrganisationFactory(name="Mitglied Nord")
    ContactFactory(organisation=member, user=None, email="mitglied@example.org")
    outsider = OrganisationFactory(name="Nicht Mitglied")
    ContactFactory(organisation=outsider, user=None, email="draussen@example.org")
    return member_group(
        lead=partner_org,
        members=[member],
        name="Digitale Beteiligung",
        slug="digitale-beteiligung",
        lead_contact=Contact.objects.get(user=representative),
    )


@pytest.fixture
def allowed(coordinator):
    return services.set_leads_may_write(by=coordinator, allowed=True)


def test_not_allowed_until_the_coordinators_switch_it_on(group, representative, coordinator):
    decision = policies.can_create_group_circular(representative, group)
    assert not decision and not decision.forbidden
    assert "nicht freigegeben" in str(decision.reason)
    with pytest.raises(ValidationError, match="nicht freigegeben"):
        services.create_group_circular(group=group, by=representative, subject="x", body="y")
    services.set_leads_may_write(by=coordinator, allowed=True)
    assert policies.can_create_group_circular(representative, group)
    assert CircularSettings.current().changed_by == coordinator


def test_only_coordinators_set_the_switch(representative, client_as):
    with pytest.raises(PermissionDenied):
        services.set_leads_may_write(by=representative, allowed=True)
    response = client_as("representative").post(
        reverse("circulars:leads_may_write"), {"leads_may_write": "1"}
    )
    assert response.status_code == 403
    assert not CircularSettings.current().leads_may_write


def test_coordinator_switches_it_on_the_list(client_as):
    client = client_as("coordinator")
    response = client.post(
        reverse("circulars:leads_may_write"), {"leads_may_write": "1"}, follow=True
    )
    assert CircularSettings.current().leads_may_write
    assert "Nicht mehr erlauben" in response.text


def test_only_the_lead_of_an_active_group(group, partner_contact, coordinator, allowed):
    decision = policies.can_create_group_circular(partner_contact, group)
    assert not decision and decision.forbidden
    assert policies.can_create_group_circular(coordinator, group)


def test_lead_writes_previews_tests_and_sends_to_the_members(
    group, representative, client_as, allowed, django_capture_on_commit_callbacks
):
    client = client_as("representative")
    page = client.get(group.get_absolute_url())
    assert reverse("circulars:group_list", args=[group.slug]) in page.text
    listing = client.get(reverse("circulars:group_list", args=[group.slug]))
    assert reverse("circulars:group_create", args=[group.slug]) in listing.text
    response = client.post(
        reverse("circulars:group_create", args=[group.slug]),
        {
            "subject": "Nächstes Treffen",
            "body": "Wir treffen uns im **Stadtteilzentrum**.",
            # Forged: the audience and kind of a group circular are fixed.
            "kind": "newsletter",
            "public": "on",
            "district": "mitte",
        },
    )
    circular = Circular.objects.get()
    assert response.status_code == 302 and response["Location"] == circular.get_absolute_url()
    assert circular.working_group == group and circular.created_by == representative
    assert circular.audience == {"working_group": group.pk}
    assert circular.kind == Circular.Kind.MEETINGS and not circular.public
    detail = client.get(circular.get_absolute_url())
    assert detail.status_code == 200 and "Digitale Beteiligung" in detail.text
    assert reverse("circulars:public", args=[circular.pk]) not in detail.text
    preview = client.get(reverse("circulars:preview", args=[circular.pk]))
    assert "Mitglied der Arbeitsgruppe „Digitale Beteiligung“" in preview.text
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("circulars:test", args=[circular.pk]))
    assert mail.outbox[-1].to == [representative.email]
    confirm = client.get(reverse("circulars:send", args=[circular.pk]))
    assert confirm.status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("circulars:send", args=[circular.pk]))
    circular.refresh_from_db()
    assert circular.state == Circular.State.SENT
    addresses = set(Delivery.objects.filter(circular=circular).values_list("email", flat=True))
    assert "mitglied@example.org" in addresses and representative.email in addresses
    assert "draussen@example.org" not in addresses


def test_lead_sees_only_their_own_circulars(group, representative, coordinator, client_as, allowed):
    own = services.create_group_circular(group=group, by=representative, subject="Meins", body="x")
    other = services.create_group_circular(group=group, by=coordinator, subject="Fremd", body="x")
    network = draft(coordinator, subject="An alle")
    client = client_as("representative")
    listing = client.get(reverse("circulars:group_list", args=[group.slug]))
    assert "Meins" in listing.text and "Fremd" not in listing.text
    assert client.get(own.get_absolute_url()).status_code == 200
    for circular in [other, network]:
        assert client.get(circular.get_absolute_url()).status_code == 403
        assert client.get(reverse("circulars:preview", args=[circular.pk])).status_code == 403
    assert client.get(reverse("circulars:list")).status_code == 403


def test_switching_off_stops_editing_and_sending(group, representative, coordinator, allowed):
    circular = services.create_group_circular(
        group=group, by=representative, subject="Entwurf", body="x"
    )
    services.set_leads_may_write(by=coordinator, allowed=False)
    with pytest.raises(ValidationError, match="nicht freigegeben"):
        services.update_circular(circular=circular, by=representative, subject="Neu")
    with pytest.raises(ValidationError, match="nicht freigegeben"):
        services.queue_circular(circular=circular, by=representative)
    assert policies.can_view_circular(representative, circular)


def test_the_lead_cannot_widen_the_audience(group, representative, allowed):
    circular = services.create_group_circular(
        group=group, by=representative, subject="Entwurf", body="x"
    )
    services.update_circular(
        circular=circular, by=representative, audience={}, kind="newsletter", subject="Neu"
    )
    circular.refresh_from_db()
    assert circular.audience == {"working_group": group.pk} and circular.subject == "Neu"
    assert circular.kind == Circular.Kind.MEETINGS


def test_others_do_not_reach_the_group_circulars(group, client_as, allowed):
    for role in ["stranger", "partner_contact", "speaker"]:
        client = client_as(role)
        assert client.get(reverse("circulars:group_list", args=[group.slug])).status_code == 403
        assert client.get(reverse("circulars:group_create", args=[group.slug])).status_code == 403
        page = client.get(group.get_absolute_url())
        assert reverse("circulars:group_list", args=[group.slug]) not in page.text


def test_the_lead_is_told_why_while_it_is_not_allowed(group, client_as):
    client = client_as("representative")
    listing = client.get(reverse("circulars:group_list", args=[group.slug]))
    assert listing.status_code == 200 and "nicht freigegeben" in listing.text
    assert reverse("circulars:group_create", args=[group.slug]) not in listing.text
    response = client.get(reverse("circulars:group_create", args=[group.slug]), follow=True)
    assert response.redirect_chain[0][0] == reverse("circulars:group_list", args=[group.slug])
    assert "nicht freigegeben" in response.text
    client.post(reverse("circulars:group_create", args=[group.slug]), {"subject": "x", "body": "y"})
    assert not Circular.objects.exists()
