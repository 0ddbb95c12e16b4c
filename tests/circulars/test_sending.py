"""Sending circulars through the task worker: batches, rate, restarts, cancel, failures."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from circulars import services
from circulars.models import Circular, Delivery, MailPreference
from circulars.tasks import run_batch
from tests.circulars.factories import draft
from tests.factories import ContactFactory, OrganisationFactory

DATABASE_TASKS = {
    "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default", "mail"]}
}
START = datetime.datetime(2027, 3, 1, 9, 0, tzinfo=datetime.UTC)


def _run_worker():
    call_command(
        "db_worker",
        "--batch",
        "--queue-name",
        "mail",
        "--no-startup-delay",
        "--no-reload",
        verbosity=0,
    )


def _partners(count, prefix="partner"):
    addresses = []
    for number in range(count):
        organisation = OrganisationFactory(name=f"{prefix.title()} {number} Hannover")
        address = f"{prefix}{number}@example.org"
        ContactFactory(organisation=organisation, user=None, email=address, name=f"P {number}")
        addresses.append(address)
    return addresses


def _addresses_sent():
    return [m.to[0] for m in mail.outbox]


def test_queued_circular_is_sent_as_multipart_with_reason(
    coordinator, partner_contact, django_capture_on_commit_callbacks
):
    circular = draft(coordinator, subject_en="Invitation", body="Hallo <script>x</script> **fett**")
    with django_capture_on_commit_callbacks(execute=True):
        services.queue_circular(circular=circular, by=coordinator)
    circular.refresh_from_db()
    assert circular.state == Circular.State.SENT
    assert _addresses_sent() == ["contact@example.org"]
    message = mail.outbox[0]
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert "<strong>fett</strong>" in html and "<script>" not in html
    assert "**fett**" in message.body
    assert "Nachbarschaft Linden" in message.body and "Sie erhalten dieses Rundschreiben" in html
    # Membership mail: legitimate interest, no unsubscribe header.
    assert "List-Unsubscribe" not in message.extra_headers
    assert message.subject.endswith("Einladung zum Netzwerktreffen")
    delivery = circular.deliveries.get()
    assert delivery.status == Delivery.Status.SENT and delivery.attempts == 1


def test_subject_and_reason_in_the_recipients_language(
    coordinator, partner_contact, django_capture_on_commit_callbacks
):
    MailPreference.objects.create(email="contact@example.org", language="en")
    circular = draft(coordinator, subject_en="Invitation to the network meeting")
    with django_capture_on_commit_callbacks(execute=True):
        services.queue_circular(circular=circular, by=coordinator)
    assert mail.outbox[0].subject.endswith("Invitation to the network meeting")


def test_newsletter_carries_rfc8058_headers_and_only_reaches_the_opted_in(
    coordinator, partner_contact, representative, django_capture_on_commit_callbacks
):
    services.set_preferences(user=partner_contact, newsletter=True, language="de")
    circular = draft(coordinator, kind=Circular.Kind.NEWSLETTER)
    with django_capture_on_commit_callbacks(execute=True):
        services.queue_circular(circular=circular, by=coordinator)
    assert _addresses_sent() == ["contact@example.org"]  # not the representative
    headers = mail.outbox[0].extra_headers
    assert headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert (
        headers["List-Unsubscribe"].startswith("<http")
        and "/rundschreiben/abmelden/" in (headers["List-Unsubscribe"])
    )
    raw = mail.outbox[0].message().as_string()
    assert "List-Unsubscribe-Post: List-Unsubscribe=One-Click" in raw
    assert "abbestellen" in mail.outbox[0].body


def test_an_empty_audience_is_refused(coordinator, partner_contact, client_as):
    circular = draft(coordinator, kind=Circular.Kind.NEWSLETTER)
    response = client_as("coordinator").post(reverse("circulars:send", args=[circular.pk]))
    assert response.status_code == 200
    assert "Empfängerkreis ist leer" in response.text
    circular.refresh_from_db()
    assert circular.state == Circular.State.DRAFT


def test_test_mail_goes_to_the_coordinator_only(
    coordinator, partner_contact, client_as, django_capture_on_commit_callbacks
):
    circular = draft(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client_as("coordinator").post(reverse("circulars:test", args=[circular.pk]))
    assert response.status_code == 302
    assert _addresses_sent() == ["koordination@example.org"]
    assert "[Test]" in mail.outbox[0].subject
    assert mail.outbox[0].alternatives
    assert not circular.deliveries.exists()


def test_send_through_the_page_queues_and_the_detail_shows_progress(
    coordinator, partner_contact, client_as, django_capture_on_commit_callbacks
):
    circular = draft(coordinator)
    client = client_as("coordinator")
    confirm = client.get(reverse("circulars:send", args=[circular.pk]))
    assert "1 Adresse" in confirm.text
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("circulars:send", args=[circular.pk]))
    page = client.get(circular.get_absolute_url())
    assert "contact@example.org" in page.text and "gesendet" in page.text
    # Sent is final: no more edits.
    assert client.get(reverse("circulars:update", args=[circular.pk])).status_code == 302
    with pytest.raises(Exception):  # noqa: B017, PT011 - ValidationError from the policy
        services.update_circular(circular=circular, by=coordinator, subject="Neu")


@pytest.mark.django_db(transaction=True)
def test_worker_sends_in_batches_at_the_configured_rate(
    settings, coordinator, django_capture_on_commit_callbacks, clock
):
    settings.TASKS = DATABASE_TASKS
    settings.CIRCULAR_MAILS_PER_MINUTE = 3
    clock(START)
    addresses = _partners(7)
    circular = draft(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        services.queue_circular(circular=circular, by=coordinator)
    assert mail.outbox == []  # the request only queues
    assert not circular.deliveries.exists()  # the worker stores the recipient list
    _run_worker()
    assert len(mail.outbox) == 3  # the next batch waits a minute
    assert circular.deliveries.count() == 7
    clock(START + datetime.timedelta(seconds=61))
    _run_worker()
    assert len(mail.outbox) == 6
    clock(START + datetime.timedelta(seconds=122))
    _run_worker()
    assert sorted(_addresses_sent()) == sorted(addresses)
    circular.refresh_from_db()
    assert circular.state == Circular.State.SENT


@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_mid_send_and_restarted_mails_everyone_exactly_once(
    settings, coordinator, django_capture_on_commit_callbacks, clock
):
    settings.TASKS = DATABASE_TASKS
    settings.CIRCULAR_MAILS_PER_MINUTE = 4
    clock(START)
    addresses = _partners(10)
    circular = draft(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        services.queue_circular(circular=circular, by=coordinator)
    _run_worker()
    assert len(mail.outbox) == 4
    # The worker dies between claiming a delivery and sending it: the claim stays.
    claimed = circular.deliveries.filter(status=Delivery.Status.QUEUED).order_by("pk").first()
    Delivery.objects.filter(pk=claimed.pk).update(
        status=Delivery.Status.SENDING, attempts=1, attempted_at=timezone.now()
    )
    # The restarted worker runs the queued batch, and someone also re-queues it by hand
    # (manage.py resume_circulars): the same batch runs twice.
    clock(START + datetime.timedelta(seconds=61))
    run_batch(circular.pk)
    run_batch(circular.pk)
    _run_worker()
    sent = _addresses_sent()
    assert len(sent) == len(set(sent)) == 9  # the claimed one waits: it may be in flight
    # Later the stale claim is put back and sent: nobody lost, nobody twice.
    for minutes in range(11, 16):
        clock(START + datetime.timedelta(minutes=minutes))
        _run_worker()
    sent = _addresses_sent()
    assert sorted(sent) == sorted(addresses)
    assert len(sent) == len(set(sent))
    circular.refresh_from_db()
    assert circular.state == Circular.State.SENT
    assert set(circular.deliveries.values_list("status", flat=True)) == {Delivery.Status.SENT}


@pytest.mark.django_db(transaction=True)
def test_cancel_stops_further_batches(
    settings, coordinator, client_as, django_capture_on_commit_callbacks, clock
):
    settings.TASKS = DATABASE_TASKS
    settings.CIRCULAR_MAILS_PER_MINUTE = 2
    clock(START)
    _partners(5)
    circular = draft(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        services.queue_circular(circular=circular, by=coordinator)
    _run_worker()
    assert len(mail.outbox) == 2
    response = client_as("coordinator").post(reverse("circulars:cancel", args=[circular.pk]))
    assert response.status_code == 302
    for minutes in range(1, 5):
        clock(START + datetime.timedelta(minutes=minutes, seconds=1))
        _run_worker()
        run_batch(circular.pk)
    assert len(mail.outbox) == 2
    circular.refresh_from_db()
    assert circular.state == Circular.State.CANCELLED
    statuses = sorted(circular.deliveries.values_list("status", flat=True))
    assert statuses == ["cancelled"] * 3 + ["sent"] * 2
    # A cancelled circular cannot be cancelled again or sent.
    again = client_as("coordinator").post(reverse("circulars:cancel", args=[circular.pk]))
    assert again.status_code == 302


def test_temporary_failures_are_retried_and_permanent_ones_listed(
    settings, coordinator, client_as, django_capture_on_commit_callbacks, clock
):
    settings.EMAIL_BACKEND = "tests.circulars.backends.RefusingBackend"
    clock(START)
    for address in ["gut@example.org", "voll@example.org", "unbekannt@example.org"]:
        organisation = OrganisationFactory(name=f"Org {address} Hannover")
        ContactFactory(organisation=organisation, user=None, email=address)
    circular = draft(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        services.queue_circular(circular=circular, by=coordinator)
    deliveries = {d.email: d for d in circular.deliveries.all()}
    assert deliveries["gut@example.org"].status == Delivery.Status.SENT
    full = deliveries["voll@example.org"]
    assert full.status == Delivery.Status.QUEUED and full.attempts == 1
    assert full.retry_after > START and "452" in full.error
    unknown = deliveries["unbekannt@example.org"]
    assert unknown.status == Delivery.Status.FAILED and "550" in unknown.error
    assert _addresses_sent() == ["gut@example.org"]
    circular.refresh_from_db()
    assert circular.state == Circular.State.SENDING  # the retry is still to come
    # The permanent failure is listed with the other failed mails on /koordination/.
    page = client_as("coordinator").get(reverse("coordination"))
    assert "E-Mail-Versand" in page.text and "unbekannt@example.org" in page.text
    # After the delay the retry succeeds (the mailbox has room again).
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    clock(START + datetime.timedelta(minutes=3))
    run_batch(circular.pk)
    full.refresh_from_db()
    assert full.status == Delivery.Status.SENT and full.attempts == 2
    circular.refresh_from_db()
    assert circular.state == Circular.State.SENT


def test_a_temporary_failure_gives_up_after_the_last_attempt(
    settings, coordinator, django_capture_on_commit_callbacks, clock
):
    from circulars.tasks import MAX_ATTEMPTS

    settings.EMAIL_BACKEND = "tests.circulars.backends.RefusingBackend"
    clock(START)
    organisation = OrganisationFactory(name="Voll Hannover")
    ContactFactory(organisation=organisation, user=None, email="voll@example.org")
    circular = draft(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        services.queue_circular(circular=circular, by=coordinator)
    for attempt in range(2, MAX_ATTEMPTS + 1):
        clock(START + datetime.timedelta(minutes=2 ** (attempt + 1)))
        run_batch(circular.pk)
    delivery = circular.deliveries.get()
    assert delivery.status == Delivery.Status.FAILED
    assert delivery.attempts == MAX_ATTEMPTS
    circular.refresh_from_db()
    assert circular.state == Circular.State.SENT


@pytest.mark.django_db(transaction=True)
def test_resume_command_continues_a_circular_whose_batch_task_was_lost(
    settings, coordinator, django_capture_on_commit_callbacks, clock
):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = DATABASE_TASKS
    clock(START)
    addresses = _partners(3)
    circular = draft(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        services.queue_circular(circular=circular, by=coordinator)
    # The worker was killed while running the batch: its task never finishes.
    DBTaskResult.objects.all().delete()
    _run_worker()
    assert mail.outbox == []
    call_command("resume_circulars", verbosity=0)
    call_command("resume_circulars", verbosity=0)
    _run_worker()
    assert sorted(_addresses_sent()) == sorted(addresses)
    circular.refresh_from_db()
    assert circular.state == Circular.State.SENT


@pytest.mark.django_db(transaction=True)
def test_resume_button_continues_and_sends_nothing_twice(
    settings, coordinator, client_as, django_capture_on_commit_callbacks, clock
):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = DATABASE_TASKS
    settings.CIRCULAR_MAILS_PER_MINUTE = 2
    clock(START)
    addresses = _partners(3)
    circular = draft(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        services.queue_circular(circular=circular, by=coordinator)
    _run_worker()
    assert len(mail.outbox) == 2
    DBTaskResult.objects.filter(status="READY").delete()  # the next batch was lost
    client = client_as("coordinator")
    page = client.get(circular.get_absolute_url())
    assert "Versand fortsetzen" in page.text
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            assert client.post(reverse("circulars:resume", args=[circular.pk])).status_code == 302
    _run_worker()
    assert sorted(_addresses_sent()) == sorted(addresses)
    # Sent: nothing to resume any more.
    assert "Versand fortsetzen" not in client.get(circular.get_absolute_url()).text
    client.post(reverse("circulars:resume", args=[circular.pk]))
    _run_worker()
    assert len(mail.outbox) == 3
