"""Background work of the partners app: declared exits on their date, the nightly seal check.

`partners.services.declare_exit` queues `carry_out_exit_task` (`schedule_exit`) with
`run_after` the start of the exit day in local time. The task checks the state again
(a withdrawn exit is not carried out) and sweeps every other exit that is due, so one
late or lost task loses nothing; `manage.py carry_out_exits` runs the same sweep from cron.

`verify_seals_task` checks the seal of every declaration and agreement version
(as `manage.py verify_declarations` does), stores the result for the coordinators'
overview and queues itself for the next night at 3 o'clock. The first one is queued
by `manage.py verify_declarations` or by the daily sweep, which also re-queues it
should the chain break (`schedule_seal_check`).

The services queue these tasks; the tasks call the work in partners.leaving and
partners.seal_check, never partners.services, so the two do not import each other.
"""

import datetime
import logging

from django.conf import settings
from django.tasks import task
from django.utils import timezone

from partners import policies
from partners.leaving import carry_out_due_exits
from partners.models import Organisation
from partners.seal_check import check_seals, next_seal_check_at

logger = logging.getLogger(__name__)


@task()
def carry_out_exit_task(organisation_id, exit_on):
    """Carry out the exit declared for `exit_on` if it still stands, then sweep the rest."""
    exit_on = datetime.date.fromisoformat(exit_on)
    organisation = Organisation.objects.filter(pk=organisation_id).first()
    if organisation is None or organisation.exit_on != exit_on:
        logger.info("Exit of organisation %s on %s no longer declared", organisation_id, exit_on)
    done = carry_out_due_exits()
    return [o.pk for o in done]


@task()
def verify_seals_task():
    """Check every seal, store the result, and queue the next night's check."""
    try:
        check = check_seals()
    finally:
        schedule_seal_check()
    if not check.ok:
        logger.error(
            "Seal check: %s record(s) do not match their seal: %s",
            len(check.failures),
            "; ".join(f["name"] for f in check.failures),
        )
    return {"checked": check.declarations + check.versions, "failed": len(check.failures)}


def schedule_exit(*, organisation_id, exit_on):
    """Queue the exit for the start of its day in local time (TIME_ZONE).

    A backend that cannot defer (the immediate one, in development) runs an exit that
    is due now at once and leaves later ones to the sweep (`manage.py carry_out_exits`).
    """
    run_after = policies.exit_takes_effect_at(exit_on)
    if carry_out_exit_task.get_backend().supports_defer:
        task = carry_out_exit_task.using(run_after=run_after)
        return task.enqueue(organisation_id, exit_on.isoformat())
    if run_after <= timezone.now():
        return carry_out_exit_task.enqueue(organisation_id, exit_on.isoformat())
    return None


def schedule_seal_check(*, now=None):
    """Queue the nightly seal check unless one is already waiting; None if it cannot defer.

    The task re-queues itself for the next night after each run; the daily sweep
    (`manage.py carry_out_exits`) and every `manage.py verify_declarations` call this,
    so a lost task is queued again within a day.
    """
    backend = verify_seals_task.get_backend()
    if not backend.supports_defer:
        return None
    if _seal_check_waiting():
        return None
    return verify_seals_task.using(run_after=next_seal_check_at(now)).enqueue()


def _seal_check_waiting():
    try:
        from django_tasks_db.models import DBTaskResult
    except ImportError:  # pragma: no cover - another backend keeps its own queue
        return False

    if "django_tasks_db" not in settings.TASKS["default"]["BACKEND"]:
        return False
    return DBTaskResult.objects.filter(
        task_path="partners.tasks.verify_seals_task", status="READY"
    ).exists()
