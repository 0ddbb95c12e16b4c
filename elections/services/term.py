"""Terms after the result: the speaker group's elected members, and reminders."""

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from core.mail import send_templated_mail
from core.roles import coordinator_emails
from elections.models import REMINDER_DAYS, Election, Term


def speaker_group_term_organisation_ids():
    """Ids of organisations holding an elected seat today (the registry's `speaker_group`):
    a query, which core.roles reads together with the other apps' in one statement."""
    return Term.objects.current().order_by().values_list("organisation_id", flat=True)


@transaction.atomic
def send_term_reminders(*, on=None):
    """Mail the coordinators once per term that ends within 90 days; returns the count.

    Nothing is sent while an election is already under way (a draft included): the
    reminder asks to prepare one. Terms stay unmarked, so a cancelled election
    brings the reminder back.
    """
    on = on or timezone.localdate()
    if Election.objects.running().exists():
        return 0
    terms = list(
        Term.objects.ending_within(REMINDER_DAYS, on)
        .filter(reminder_sent_at__isnull=True)
        .select_for_update()
        .select_related("organisation", "seat")
    )
    if not terms:
        return 0
    send_templated_mail(
        template="elections/email/term_reminder",
        context={
            "terms": terms,
            "url": reverse("elections:create"),
            "days": REMINDER_DAYS,
        },
        to=coordinator_emails(),
    )
    Term.objects.filter(pk__in=[t.pk for t in terms]).update(reminder_sent_at=timezone.now())
    return len(terms)


def reminder_due(on=None):
    """Current terms ending within 90 days (the "Wahl vorbereiten" warning)."""
    on = on or timezone.localdate()
    return Term.objects.ending_within(REMINDER_DAYS, on).select_related("organisation", "seat")
