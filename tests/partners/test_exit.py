"""Reproduction 7 and the exit as declared: it takes effect on its date, not before.

Until the date the organisation is a partner and its representative can withdraw the
exit; on the date the task worker (or the sweep, `manage.py carry_out_exits`) carries
it out; afterwards its contacts still reach their declarations and personal data.
"""

import datetime
from http import HTTPStatus

import pytest
from django.core.management import call_command
from django.urls import reverse

from partners import services
from partners.models import Organisation
from partners.tasks import carry_out_exit_task
from tests.meetings.factories import InvitationFactory, MeetingFactory, berlin
from tests.partners.factories import sign
from tests.workgroups.factories import MembershipFactory

pytestmark = pytest.mark.django_db

EXIT_ON = datetime.date(2026, 12, 31)


@pytest.fixture
def november(clock):
    return clock(berlin(2026, 11, 25, 10))


def _declare(client, organisation, exit_on, **extra):
    return client.post(
        reverse("partners:exit", kwargs={"slug": organisation.slug}),
        {"exit_on": exit_on, "reason": "Umzug", "confirm": "on", **extra},
    )


def test_an_exit_far_in_the_future_is_a_german_form_error(november, partner_org, client_as):
    client = client_as("representative")
    response = _declare(client, partner_org, "9999-12-31")
    assert response.status_code == HTTPStatus.OK
    assert response.context["form"].errors["exit_on"] == [
        "Der Austritt kann höchstens bis zum 31.12.2027 im Voraus erklärt werden."
    ]
    partner_org.refresh_from_db()
    assert partner_org.exit_declared_at is None
    # The end of next year is the last date a user may choose.
    assert _declare(client, partner_org, "2027-12-31").status_code == HTTPStatus.FOUND
    partner_org.refresh_from_db()
    assert partner_org.exit_on == datetime.date(2027, 12, 31)


def test_the_service_refuses_an_exit_date_out_of_bounds(november, partner_org, representative):
    from django.core.exceptions import ValidationError

    for exit_on in (datetime.date(9999, 12, 31), datetime.date(2026, 11, 24)):
        with pytest.raises(ValidationError):
            services.declare_exit(organisation=partner_org, by=representative, exit_on=exit_on)


def test_confirming_a_declared_exit_does_not_make_it_leave_before_its_date(
    november, partner_org, partner_contact, client_as, django_capture_on_commit_callbacks
):
    membership = MembershipFactory(organisation=partner_org)
    with django_capture_on_commit_callbacks(execute=True):
        _declare(client_as("representative"), partner_org, EXIT_ON.isoformat())
    response = client_as("coordinator").post(
        reverse("partners:exit_confirm", kwargs={"slug": partner_org.slug}), follow=True
    )
    assert "wird erst am 31.12.2026 wirksam" in response.text
    partner_org.refresh_from_db()
    assert partner_org.status == Organisation.Status.ACTIVE
    assert partner_org.left_on is None
    # Still a partner: the profile, the contacts' pages and the memberships stay.
    assert client_as("anonymous").get(partner_org.get_absolute_url()).status_code == 200
    contact = client_as("partner_contact")
    assert contact.get(reverse("partners:my_network")).status_code == 200
    edit = reverse("partners:profile_edit", kwargs={"slug": partner_org.slug})
    assert contact.get(edit).status_code == 200
    membership.refresh_from_db()
    assert membership.status == membership.Status.ACTIVE


def test_the_representative_withdraws_the_exit_before_its_date(
    november,
    partner_org,
    coordinator,
    client_as,
    clock,
    django_capture_on_commit_callbacks,
    mailoutbox,
):
    client = client_as("representative")
    with django_capture_on_commit_callbacks(execute=True):
        _declare(client, partner_org, EXIT_ON.isoformat())
    page = client.get(reverse("partners:my_network"))
    withdraw_url = reverse("partners:exit_withdraw", kwargs={"slug": partner_org.slug})
    assert withdraw_url in page.text
    assert "Austritt zurücknehmen" in client.get(withdraw_url).text
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(withdraw_url)
    assert response.status_code == HTTPStatus.FOUND
    partner_org.refresh_from_db()
    assert partner_org.exit_declared_at is None
    assert partner_org.exit_on is None
    assert "zurückgenommen" in mailoutbox[-1].subject
    # On the date, neither the queued task nor the sweep carries out a withdrawn exit.
    clock(berlin(2026, 12, 31, 0, 5))
    carry_out_exit_task.call(partner_org.pk, EXIT_ON.isoformat())
    call_command("carry_out_exits", verbosity=0)
    partner_org.refresh_from_db()
    assert partner_org.status == Organisation.Status.ACTIVE
    # And it can declare a new exit later.
    assert _declare(client, partner_org, "2027-03-31").status_code == HTTPStatus.FOUND


def test_an_exit_cannot_be_withdrawn_once_its_date_has_come(
    november, partner_org, representative, client_as, clock
):
    services.declare_exit(organisation=partner_org, by=representative, exit_on=EXIT_ON)
    clock(berlin(2026, 12, 31, 0, 1))
    client = client_as("representative")
    url = reverse("partners:exit_withdraw", kwargs={"slug": partner_org.slug})
    response = client.post(url, follow=True)
    assert "kann nicht mehr zurückgenommen werden" in response.text
    partner_org.refresh_from_db()
    assert partner_org.exit_on == EXIT_ON
    services.carry_out_due_exits()
    # Left: the withdrawal page is gone with the organisation's other pages.
    assert client.post(url).status_code == HTTPStatus.FORBIDDEN


def test_the_exit_is_queued_for_the_start_of_its_day_and_rechecked(
    november, partner_org, representative, settings, django_capture_on_commit_callbacks, clock
):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default", "mail"]}
    }
    with django_capture_on_commit_callbacks(execute=True):
        services.declare_exit(organisation=partner_org, by=representative, exit_on=EXIT_ON)
    queued = DBTaskResult.objects.get(task_path="partners.tasks.carry_out_exit_task")
    assert queued.run_after == berlin(2026, 12, 31, 0, 0)
    assert queued.args_kwargs["args"] == [partner_org.pk, "2026-12-31"]
    # Run early (a clock that is off): the task re-checks and does nothing.
    carry_out_exit_task.call(partner_org.pk, "2026-12-31")
    partner_org.refresh_from_db()
    assert partner_org.is_active
    clock(berlin(2026, 12, 31, 0, 0))
    carry_out_exit_task.call(partner_org.pk, "2026-12-31")
    partner_org.refresh_from_db()
    assert partner_org.status == Organisation.Status.LEFT
    assert partner_org.left_on == EXIT_ON


def test_the_sweep_catches_up_when_the_worker_was_down(
    november, partner_org, representative, clock
):
    services.declare_exit(organisation=partner_org, by=representative, exit_on=EXIT_ON)
    clock(berlin(2027, 1, 3, 9))
    call_command("carry_out_exits", verbosity=0)
    call_command("carry_out_exits", verbosity=0)  # idempotent
    partner_org.refresh_from_db()
    assert partner_org.status == Organisation.Status.LEFT
    assert partner_org.left_on == EXIT_ON


def test_after_leaving_contacts_keep_declarations_and_future_answers_are_removed(
    november, partner_org, representative, partner_contact, client_as, clock
):
    declaration = sign(partner_org, representative)
    membership = MembershipFactory(organisation=partner_org)
    past = InvitationFactory(
        organisation=partner_org,
        meeting=MeetingFactory(start=berlin(2026, 11, 20), end=berlin(2026, 11, 20, 20)),
        answer="yes",
    )
    future = InvitationFactory(
        organisation=partner_org,
        meeting=MeetingFactory(start=berlin(2027, 2, 10), end=berlin(2027, 2, 10, 20)),
        answer="yes",
    )
    services.declare_exit(organisation=partner_org, by=representative, exit_on=EXIT_ON)
    clock(berlin(2026, 12, 31, 0, 1))
    services.carry_out_due_exits()

    assert client_as("anonymous").get(partner_org.get_absolute_url()).status_code == 404
    membership.refresh_from_db()
    assert membership.status != membership.Status.ACTIVE
    from meetings.models import Invitation

    assert Invitation.objects.filter(pk=past.pk).exists()
    assert not Invitation.objects.filter(pk=future.pk).exists()

    for role in ("partner_contact", "representative"):
        client = client_as(role)
        page = client.get(reverse("partners:my_network"))
        assert page.status_code == 200
        pdf_url = reverse("partners:declaration_pdf", kwargs={"pk": declaration.pk})
        assert pdf_url in page.text
        assert client.get(pdf_url)["Content-Type"] == "application/pdf"
        assert client.get(reverse("account_data")).status_code == 200
        edit = reverse("partners:profile_edit", kwargs={"slug": partner_org.slug})
        assert client.get(edit).status_code in (403, 404)
