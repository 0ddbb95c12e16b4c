"""Contributions of the site itself to shared pages (see core.registry)."""

import datetime

from django.utils import timezone

from core import registry
from core.fragments import cached_value
from core.roles import get_roles


def coordination_panels(request):
    if not get_roles(request.user).is_coordinator:
        return []
    # Kept for a minute at most, and until a circular's delivery changes: the task
    # rows themselves are not watched (core.fragments.IGNORED), as for the page cache.
    failed, waiting = cached_value("coordination:mail", ("circulars",), _mail_state, clock=True)
    if not failed and not waiting:
        return []
    return [
        {
            "template": "netzwerk/includes/_panel_mail.html",
            "order": 90,
            "failed": failed,
            "waiting": waiting,
        }
    ]


def _mail_state():
    """(the mails that failed for good in the last two weeks, newest first, at most
    ten; how many wait to be sent)."""
    from django_tasks_db.models import DBTaskResult

    since = timezone.now() - datetime.timedelta(days=14)
    failed = list(
        DBTaskResult.objects.failed()
        .filter(task_path="core.tasks.deliver_mail", finished_at__gte=since)
        .order_by("-finished_at")[:10]
    )
    waiting = DBTaskResult.objects.filter(
        status="READY", task_path="core.tasks.deliver_mail"
    ).count()
    failed = [
        {
            "to": ", ".join(a for m in result.args_kwargs["args"][0] for a in m["to"]),
            "subject": result.args_kwargs["args"][0][0]["subject"],
            "attempt": (result.args_kwargs["args"][1:] or [1])[0],
            "finished_at": result.finished_at,
        }
        for result in failed
    ]
    # Other apps' mails that failed for good (circulars keep their own delivery records).
    failed += registry.collect("failed_mails", since)
    failed.sort(key=lambda mail: mail["finished_at"], reverse=True)
    return failed[:10], waiting
