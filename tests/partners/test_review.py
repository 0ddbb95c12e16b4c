from datetime import datetime
from http import HTTPStatus
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import dateformat, timezone

from partners import services
from partners.models import Declaration, Organisation
from tests.factories import OrganisationFactory
from tests.partners.factories import representative_of, signed_application

pytestmark = pytest.mark.django_db


@pytest.fixture
def application(db):
    organisation, _ = signed_application(name="Neue Nachbarn Hannover")
    return organisation


def test_coordinator_sees_pending_applications_in_the_overview(application, client_as):
    response = client_as("coordinator").get(reverse("coordination"))
    assert application.name in response.text
    assert reverse("partners:application", kwargs={"slug": application.slug}) in response.text


# 05:38 in Hannover, shown as "25. November 2026, 05:38 Uhr" like meetings and elections.
DECLARED_AT = datetime(2026, 11, 25, 5, 38, tzinfo=ZoneInfo("Europe/Berlin"))


def test_application_shows_when_it_was_signed_like_other_pages(application, client_as):
    signed_at = timezone.localtime(Declaration.objects.get(organisation=application).signed_at)
    response = client_as("coordinator").get(
        reverse("partners:application", kwargs={"slug": application.slug})
    )
    assert f"am {dateformat.format(signed_at, 'j. F Y, H:i')} Uhr." in response.text


def test_coordinator_approves_application_and_the_partner_is_welcomed(
    application, client_as, mailoutbox, django_capture_on_commit_callbacks
):
    client = client_as("coordinator")
    assert (
        client.get(reverse("partners:application", kwargs={"slug": application.slug})).status_code
        == HTTPStatus.OK
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("partners:approve", kwargs={"slug": application.slug}))
    assert response.status_code == HTTPStatus.FOUND
    application.refresh_from_db()
    assert application.status == Organisation.Status.ACTIVE
    assert application.joined_on == timezone.localdate()
    assert application.decided_by == client.user
    assert "Willkommen" in mailoutbox[-1].subject
    assert application.name in client.get(reverse("partners:list")).text


def test_coordinator_rejects_with_a_reason_sent_by_mail(
    application, client_as, mailoutbox, django_capture_on_commit_callbacks
):
    client = client_as("coordinator")
    url = reverse("partners:reject", kwargs={"slug": application.slug})
    response = client.post(url, {"reason": ""})
    assert response.status_code == HTTPStatus.OK
    assert response.context["form"].errors["reason"]
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"reason": "Kein Bezug zu Hannover & Umgebung."})
    application.refresh_from_db()
    assert application.status == Organisation.Status.REJECTED
    assert "Kein Bezug zu Hannover & Umgebung." in mailoutbox[-1].body


def test_decided_application_cannot_be_decided_again(application, coordinator):
    services.approve_application(organisation=application, by=coordinator)
    with pytest.raises(ValidationError):
        services.reject_application(organisation=application, by=coordinator, reason="zu spät")
    with pytest.raises(ValidationError):
        services.approve_application(organisation=application, by=coordinator)


def test_unsigned_application_cannot_be_approved(coordinator):
    organisation = OrganisationFactory(status=Organisation.Status.APPLICANT, joined_on=None)
    with pytest.raises(ValidationError, match="noch nicht unterzeichnet"):
        services.approve_application(organisation=organisation, by=coordinator)


def test_only_coordinators_may_approve(application, representative):
    with pytest.raises(PermissionDenied):
        services.approve_application(organisation=application, by=representative)


def test_representative_declares_exit_and_it_takes_effect_on_its_date(
    partner_org,
    representative,
    coordinator,
    client,
    clock,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    # Was: the coordinator's confirmation made the organisation leave at once; now the
    # exit takes effect on its date (the rule of the issue), see tests/partners/test_exit.py.
    from django.core.management import call_command

    from tests.meetings.factories import berlin

    clock(berlin(2026, 11, 25, 10))
    client.force_login(representative)
    exit_url = reverse("partners:exit", kwargs={"slug": partner_org.slug})
    exit_on = berlin(2026, 12, 31).date()
    response = client.post(exit_url, {"exit_on": exit_on.isoformat(), "reason": "Umzug"})
    assert response.status_code == HTTPStatus.OK  # the confirmation box is missing
    with django_capture_on_commit_callbacks(execute=True):
        client.post(exit_url, {"exit_on": exit_on.isoformat(), "reason": "Umzug", "confirm": "on"})
    partner_org.refresh_from_db()
    assert partner_org.exit_declared_at is not None
    assert partner_org.is_active

    client.force_login(coordinator)
    assert partner_org.name in client.get(reverse("coordination")).text
    client.post(reverse("partners:exit_confirm", kwargs={"slug": partner_org.slug}))
    partner_org.refresh_from_db()
    assert partner_org.is_active  # not before its date

    clock(berlin(2026, 12, 31, 0, 5))
    with django_capture_on_commit_callbacks(execute=True):
        call_command("carry_out_exits", verbosity=0)
    partner_org.refresh_from_db()
    assert partner_org.status == Organisation.Status.LEFT
    assert partner_org.left_on == exit_on
    assert partner_org not in client.get(reverse("partners:list")).context["object_list"]
    assert client.get(partner_org.get_absolute_url()).status_code == HTTPStatus.NOT_FOUND
    # History stays.
    assert partner_org.history.filter(status="left").exists()
    assert "Austritt" in mailoutbox[-1].subject


def test_exit_confirmation_shows_when_the_exit_was_declared(partner_org, representative, client_as):
    services.declare_exit(organisation=partner_org, by=representative, exit_on=timezone.localdate())
    Organisation.objects.filter(pk=partner_org.pk).update(exit_declared_at=DECLARED_AT)
    response = client_as("coordinator").get(
        reverse("partners:exit_confirm", kwargs={"slug": partner_org.slug})
    )
    assert "25. November 2026, 05:38 Uhr" in response.text


def test_carrying_out_the_exit_calls_the_organisation_left_hooks(partner_org, representative):
    from core import events, registry

    Organisation.objects.filter(pk=partner_org.pk).update(
        exit_declared_at=DECLARED_AT, exit_on=timezone.localdate()
    )

    called = []
    handlers = {events.OrganisationLeft: lambda event: called.append(event.organisation.pk)}
    with registry.contributing("test_app", handlers=handlers):
        services.carry_out_exit(organisation=partner_org)
    assert called == [partner_org.pk]


def test_exit_in_the_past_is_a_form_error(partner_org, representative, client):
    client.force_login(representative)
    response = client.post(
        reverse("partners:exit", kwargs={"slug": partner_org.slug}),
        {"exit_on": "2000-01-01", "confirm": "on"},
    )
    assert response.status_code == HTTPStatus.OK
    assert response.context["form"].errors["exit_on"]


def test_new_partners_of_the_year_are_listed_with_who_recruited_them(partner_org, client_as):
    recruit = OrganisationFactory(
        name="Frisch Dabei", recruited_by=partner_org, joined_on=timezone.localdate()
    )
    representative_of(recruit)
    text = client_as("coordinator").get(reverse("coordination")).text
    assert "Frisch Dabei" in text
    assert partner_org.name in text


def test_coordinating_organisation_cannot_declare_its_exit(coordinating_org, speaker, client):
    client.force_login(speaker)
    response = client.post(
        reverse("partners:exit", kwargs={"slug": coordinating_org.slug}),
        {"exit_on": timezone.localdate().isoformat(), "confirm": "on"},
    )
    assert response.status_code == HTTPStatus.OK
    assert "koordinierende Organisation kann nicht austreten" in response.text
    coordinating_org.refresh_from_db()
    assert coordinating_org.exit_declared_at is None


def test_exit_cannot_be_declared_twice(partner_org, representative):
    services.declare_exit(organisation=partner_org, by=representative, exit_on=timezone.localdate())
    with pytest.raises(ValidationError, match="bereits erklärt"):
        services.declare_exit(
            organisation=partner_org, by=representative, exit_on=timezone.localdate()
        )


def test_the_admin_cannot_admit_an_applicant_past_the_review(client_as):
    applicant, _user = signed_application("Bewerbung ohne Abkürzung")
    client = client_as("coordinator")
    change = reverse("admin:partners_organisation_change", args=[applicant.pk])
    page = client.get(change)
    assert page.status_code == HTTPStatus.OK
    assert 'name="status"' not in page.text
    assert 'name="name"' in page.text  # the profile stays editable
    applicant.refresh_from_db()
    assert applicant.status == Organisation.Status.APPLICANT
