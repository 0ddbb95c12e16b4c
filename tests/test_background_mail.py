import time

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from core.mail import send_templated_mail

pytestmark = pytest.mark.django_db

DATABASE_TASKS = {
    "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default", "mail"]}
}


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


# The worker closes its database connection after each task, as in production:
# these tests therefore run outside a wrapping transaction.
@pytest.mark.django_db(transaction=True)
def test_mail_to_500_recipients_is_queued_at_once_and_sent_by_the_worker(
    settings, django_capture_on_commit_callbacks
):
    settings.TASKS = DATABASE_TASKS
    recipients = [f"partner{n}@example.org" for n in range(500)]
    started = time.monotonic()
    with django_capture_on_commit_callbacks(execute=True):
        send_templated_mail(
            template="account/email/password_reset_key",
            context={"password_reset_url": "https://example.org/x", "user": None},
            to=recipients,
        )
    assert time.monotonic() - started < 1
    # The worker is down: nothing is sent, nothing is lost.
    assert mail.outbox == []
    assert DBTaskResult.objects.ready().count() == 5
    _run_worker()
    assert len(mail.outbox) == 500
    assert sorted(m.to[0] for m in mail.outbox) == sorted(recipients)
    assert all(len(m.to) == 1 for m in mail.outbox)


@pytest.mark.django_db(transaction=True)
def test_failed_sends_are_retried_and_shown_to_coordinators(
    settings, django_capture_on_commit_callbacks, client_as
):
    settings.TASKS = DATABASE_TASKS
    # A mail server that refuses connections: a real failure, not a mock.
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = 1
    settings.EMAIL_TIMEOUT = 2
    with django_capture_on_commit_callbacks(execute=True):
        send_templated_mail(
            template="account/email/password_reset_key",
            context={"password_reset_url": "https://example.org/x", "user": None},
            to=["partner@example.org"],
        )
    _run_worker()
    assert DBTaskResult.objects.failed().count() == 1
    retry = DBTaskResult.objects.get(status="READY")
    assert retry.args_kwargs["args"][1] == 2
    assert retry.run_after is not None
    page = client_as("coordinator").get(reverse("coordination"))
    assert "E-Mail-Versand" in page.text
    assert "partner@example.org" in page.text
    assert "E-Mail-Versand" not in client_as("speaker").get(reverse("coordination")).text


def test_mail_is_sent_immediately_with_the_immediate_backend(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        send_templated_mail(
            template="account/email/password_reset_key",
            context={"password_reset_url": "https://example.org/x", "user": None},
            to=["a@example.org", "b@example.org"],
        )
    assert len(mail.outbox) == 2
    assert mail.outbox[0].subject.startswith("[Netzwerk Bürgermitwirkung]")


@pytest.mark.django_db(transaction=True)
def test_inviting_500_partners_returns_at_once_with_the_worker_stopped(settings, client_as):
    """The coordinator's request only queues the invitations; the worker sends them."""
    import datetime

    from django.utils import timezone

    from partners.models import Contact, Organisation
    from tests.meetings.factories import MeetingFactory

    settings.TASKS = DATABASE_TASKS
    today = timezone.localdate()
    organisations = Organisation.objects.bulk_create(
        Organisation(
            name=f"Verein {n}",
            slug=f"verein-{n}",
            district="mitte",
            status="active",
            joined_on=today,
        )
        for n in range(500)
    )
    Contact.objects.bulk_create(
        Contact(organisation=o, name=f"Kontakt {o.slug}", email=f"kontakt@{o.slug}.example.org")
        for o in organisations
    )
    start = (timezone.now() + datetime.timedelta(days=14)).replace(second=0, microsecond=0)
    meeting = MeetingFactory(start=start, end=start + datetime.timedelta(hours=2))
    client = client_as("coordinator")
    # Warm up (URL resolver, templates), as on a running server.
    assert client.get(reverse("meetings:invite", kwargs={"pk": meeting.pk})).status_code == 200
    started = time.monotonic()
    response = client.post(reverse("meetings:invite", kwargs={"pk": meeting.pk}))
    elapsed = time.monotonic() - started
    assert response.status_code == 302
    assert elapsed < 1, f"inviting took {elapsed:.2f} s"
    assert mail.outbox == []
    _run_worker()
    recipients = {m.to[0] for m in mail.outbox}
    assert {f"kontakt@verein-{n}.example.org" for n in range(500)} <= recipients


@pytest.mark.django_db(transaction=True)
def test_mails_queued_before_the_move_to_core_are_still_sent(
    settings, django_capture_on_commit_callbacks
):
    """A mail queued under the task's old path (netzwerk.tasks) runs after migration 0007."""
    from importlib import import_module

    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    settings.TASKS = DATABASE_TASKS
    with django_capture_on_commit_callbacks(execute=True):
        send_templated_mail(
            template="account/email/password_reset_key",
            context={"password_reset_url": "https://example.org/x", "user": None},
            to=["partner@example.org"],
        )
    DBTaskResult.objects.update(task_path="netzwerk.tasks.deliver_mail")  # as stored before
    state = MigrationExecutor(connection).loader.project_state(("netzwerk", "0007_mail_task_path"))
    import_module("core.migrations.0007_mail_task_path").forwards(state.apps, None)
    _run_worker()
    assert [m.to for m in mail.outbox] == [["partner@example.org"]]
    assert DBTaskResult.objects.failed().count() == 0
