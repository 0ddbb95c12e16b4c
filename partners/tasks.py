"""Background work of the partners app: declared exits on their date, the nightly seal check.

`partners.services.declare_exit` queues `carry_out_exit_task` with `run_after` the
start of the exit day in local time. The task checks the state again (a withdrawn exit
is not carried out) and sweeps every other exit that is due, so one late or lost task
loses nothing; `manage.py carry_out_exits` runs the same sweep from cron.

`verify_seals_task` checks the seal of every declaration and agreement version
(as `manage.py verify_declarations` does), stores the result for the coordinators'
overview and queues itself for the next night at 3 o'clock. The first one is queued
by `manage.py verify_declarations` or by the daily sweep, which also re-queues it
should the chain break (partners.services.schedule_seal_check).
"""

import datetime
import logging

from django.tasks import task

logger = logging.getLogger(__name__)


@task()
def carry_out_exit_task(organisation_id, exit_on):
    """Carry out the exit declared for `exit_on` if it still stands, then sweep the rest."""
    from partners import services
    from partners.models import Organisation

    exit_on = datetime.date.fromisoformat(exit_on)
    organisation = Organisation.objects.filter(pk=organisation_id).first()
    if organisation is None or organisation.exit_on != exit_on:
        logger.info("Exit of organisation %s on %s no longer declared", organisation_id, exit_on)
    done = services.carry_out_due_exits()
    return [o.pk for o in done]


@task()
def verify_seals_task():
    """Check every seal, store the result, and queue the next night's check."""
    from partners import services

    try:
        check = services.check_seals()
    finally:
        services.schedule_seal_check()
    if not check.ok:
        logger.error(
            "Seal check: %s record(s) do not match their seal: %s",
            len(check.failures),
            "; ".join(f["name"] for f in check.failures),
        )
    return {"checked": check.declarations + check.versions, "failed": len(check.failures)}
