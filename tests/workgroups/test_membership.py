from http import HTTPStatus

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from core.roles import get_roles
from workgroups import services
from workgroups.models import Membership

pytestmark = pytest.mark.django_db


def _organisation(user):
    return get_roles(user).organisations[0]


def _join(client, group):
    return client.post(reverse("workgroups:join", kwargs={"slug": group.slug}), follow=True)


def test_partner_joins_open_group_at_once(client_as, group, outsider, mailoutbox):
    response = _join(client_as("outsider"), group)
    assert "Sportfreunde Kleefeld ist Mitglied der Arbeitsgruppe." in response.text
    membership = group.memberships.get(organisation__slug="sportfreunde-kleefeld")
    assert membership.status == Membership.Status.ACTIVE
    assert membership.joined_on is not None
    assert [c.user for c in membership.contacts.all()] == [outsider]
    assert mailoutbox == []
    page = client_as("anonymous").get(group.get_absolute_url()).text
    assert "Sportfreunde Kleefeld" in page


def test_request_group_asks_the_lead_and_coordinators_by_email(
    client_as, request_group, outsider, coordinator, django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=True):
        response = _join(client_as("outsider"), request_group)
    assert "Die Anfrage ist gestellt." in response.text
    membership = request_group.memberships.get(organisation__slug="sportfreunde-kleefeld")
    assert membership.status == Membership.Status.REQUESTED
    assert sorted(m.to[0] for m in mailoutbox) == [
        "koordination@example.org",
        "vertretung@example.org",
    ]
    assert "Sportfreunde Kleefeld möchte in der Arbeitsgruppe Digitale Beteiligung" in (
        mailoutbox[0].subject
    )
    assert "/arbeitsgruppen/digitale-beteiligung/mitglieder/" in mailoutbox[0].body
    # Not a member yet: the public page does not list it.
    assert (
        "Sportfreunde Kleefeld"
        not in client_as("anonymous").get(request_group.get_absolute_url()).text
    )
    # Asking twice is refused with a message.
    again = _join(client_as("outsider"), request_group)
    assert "Ihre Organisation hat den Beitritt bereits angefragt." in again.text


def test_lead_approves_request_and_the_organisation_is_told(
    client_as, request_group, outsider, django_capture_on_commit_callbacks, mailoutbox
):
    membership = services.join_group(
        group=request_group, organisation=_organisation(outsider), by=outsider
    )
    client = client_as("representative")
    members_page = client.get(reverse("workgroups:members", kwargs={"slug": request_group.slug}))
    assert "Sportfreunde Kleefeld aufnehmen" in members_page.text
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("workgroups:approve", kwargs={"slug": request_group.slug, "pk": membership.pk})
        )
    assert response.status_code == HTTPStatus.FOUND
    membership.refresh_from_db()
    assert membership.status == Membership.Status.ACTIVE
    assert membership.decided_by.email == "vertretung@example.org"
    assert [m.to for m in mailoutbox] == [["aussen@example.org"]]
    assert "Willkommen in der Arbeitsgruppe Digitale Beteiligung" in mailoutbox[0].subject


def test_coordinator_declines_request_with_reason(
    client_as, request_group, outsider, django_capture_on_commit_callbacks, mailoutbox
):
    membership = services.join_group(
        group=request_group, organisation=_organisation(outsider), by=outsider
    )
    with django_capture_on_commit_callbacks(execute=True):
        client_as("coordinator").post(
            reverse("workgroups:decline", kwargs={"slug": request_group.slug, "pk": membership.pk}),
            {"reason": "Die Gruppe ist voll."},
        )
    membership.refresh_from_db()
    assert membership.status == Membership.Status.DECLINED
    assert [m.to for m in mailoutbox] == [["aussen@example.org"]]
    assert "Die Gruppe ist voll." in mailoutbox[0].body
    # A decided request cannot be decided again.
    with pytest.raises(ValidationError):
        services.approve_membership(membership=membership, by=request_group.lead_contact.user)


def test_declined_organisation_may_ask_again(request_group, outsider, coordinator):
    organisation = _organisation(outsider)
    membership = services.join_group(group=request_group, organisation=organisation, by=outsider)
    services.decline_membership(membership=membership, by=coordinator)
    again = services.join_group(group=request_group, organisation=organisation, by=outsider)
    assert again.pk == membership.pk
    assert again.status == Membership.Status.REQUESTED


def test_other_partner_cannot_decide_requests(client_as, request_group, outsider, partner_contact):
    membership = services.join_group(
        group=request_group, organisation=_organisation(outsider), by=outsider
    )
    url = reverse("workgroups:approve", kwargs={"slug": request_group.slug, "pk": membership.pk})
    assert client_as("partner_contact").post(url).status_code == HTTPStatus.FORBIDDEN
    assert client_as("outsider").post(url).status_code == HTTPStatus.FORBIDDEN
    with pytest.raises(PermissionDenied):
        services.approve_membership(membership=membership, by=outsider)
    membership.refresh_from_db()
    assert membership.status == Membership.Status.REQUESTED


def test_approving_a_membership_of_another_group_is_404(client_as, group, request_group):
    other_membership = group.memberships.get()
    url = reverse(
        "workgroups:approve", kwargs={"slug": request_group.slug, "pk": other_membership.pk}
    )
    assert client_as("coordinator").post(url).status_code == HTTPStatus.NOT_FOUND


def test_member_leaves_after_confirming_and_may_rejoin(client_as, group, outsider):
    client = client_as("outsider")
    _join(client, group)
    url = reverse("workgroups:leave", kwargs={"slug": group.slug})
    confirm = client.get(url)
    assert "Soll Sportfreunde Kleefeld die Gruppe verlassen?" in confirm.text
    response = client.post(url, follow=True)
    assert "Sportfreunde Kleefeld ist aus der Arbeitsgruppe ausgetreten." in response.text
    membership = group.memberships.get(organisation__slug="sportfreunde-kleefeld")
    assert membership.status == Membership.Status.LEFT
    assert membership.left_on is not None
    _join(client, group)
    membership.refresh_from_db()
    assert membership.status == Membership.Status.ACTIVE


def test_lead_organisation_cannot_leave_its_own_group(client_as, group):
    response = client_as("representative").post(
        reverse("workgroups:leave", kwargs={"slug": group.slug}), follow=True
    )
    assert "Die leitende Organisation kann nicht austreten." in response.text
    assert group.memberships.get().status == Membership.Status.ACTIVE


def test_non_member_cannot_leave(client_as, group, outsider):
    response = client_as("outsider").post(
        reverse("workgroups:leave", kwargs={"slug": group.slug}), follow=True
    )
    assert "Ihre Organisation ist nicht Mitglied dieser Gruppe." in response.text


def test_second_contact_of_a_member_organisation_takes_part_too(client_as, group, partner_contact):
    _join(client_as("partner_contact"), group)
    membership = group.memberships.get()
    assert [c.user.email for c in membership.contacts.all()] == ["contact@example.org"]
    assert membership.status == Membership.Status.ACTIVE


def test_coordinator_without_organisation_cannot_join(client_as, group):
    response = _join(client_as("coordinator"), group)
    assert "Sie sind keine Ansprechperson einer Partnerorganisation." in response.text
    assert group.memberships.count() == 1


def test_lead_sends_message_to_all_members_only(
    client_as,
    group,
    outsider,
    partner_contact,
    speaker,
    django_capture_on_commit_callbacks,
    mailoutbox,
):
    _join(client_as("outsider"), group)
    _join(client_as("partner_contact"), group)
    client = client_as("representative")
    form = client.get(reverse("workgroups:message", kwargs={"slug": group.slug}))
    assert "Die Nachricht geht per E-Mail an 2 Personen." in form.text
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("workgroups:message", kwargs={"slug": group.slug}),
            {"subject": "Nächste Schritte", "body": "Bitte Termine eintragen."},
            follow=True,
        )
    assert "Die Nachricht ist an 2 Personen verschickt." in response.text
    assert sorted(m.to[0] for m in mailoutbox) == ["aussen@example.org", "contact@example.org"]
    assert mailoutbox[0].subject.endswith("[Digitale Beteiligung] Nächste Schritte")
    assert "Bitte Termine eintragen." in mailoutbox[0].body
    assert "sprecher@example.org" not in [m.to[0] for m in mailoutbox]


def test_member_without_role_cannot_send_message(client_as, group):
    response = client_as("partner_contact").post(
        reverse("workgroups:message", kwargs={"slug": group.slug}), {"subject": "x", "body": "y"}
    )
    assert response.status_code == HTTPStatus.FORBIDDEN


def test_lead_takes_a_partner_in_directly(client_as, group, outsider):
    organisation = _organisation(outsider)
    response = client_as("representative").post(
        reverse("workgroups:add_member", kwargs={"slug": group.slug}),
        {"organisation": organisation.pk},
        follow=True,
    )
    assert "Sportfreunde Kleefeld ist aufgenommen." in response.text
    assert group.memberships.get(organisation=organisation).status == Membership.Status.ACTIVE


def test_former_partner_cannot_be_taken_in(coordinator, group, outsider):
    organisation = _organisation(outsider)
    organisation.status = organisation.Status.LEFT
    organisation.save()
    with pytest.raises(ValidationError):
        services.add_member(group=group, organisation=organisation, by=coordinator)
