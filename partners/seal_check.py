"""The check of every seal (partners.seal): run nightly by partners.tasks and by
`manage.py verify_declarations`; its result warns the coordinators.

Read-only apart from the SealCheck row it stores.
"""

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from partners.models import AgreementVersion, Declaration, SealCheck

# The seal of declarations and agreement versions (partners.seal)

# The nightly check runs at this hour (local time), when nobody signs.
SEAL_CHECK_HOUR = 3
# The coordinators are warned when the last check is older than this.
SEAL_CHECK_MAX_AGE = datetime.timedelta(days=2)


def check_seals(*, now=None):
    """Verify every agreement version and declaration; store and return a SealCheck.

    Each failure names the record (kind, number, organisation) and why it does not
    match. Read-only apart from the SealCheck row.
    """
    failures = []
    versions = 0
    for version in AgreementVersion.objects.order_by("number").iterator(chunk_size=500):
        versions += 1
        problems = version.seal_problems()
        if problems:
            failures.append(
                {
                    "art": "fassung",
                    "id": version.pk,
                    "name": str(_("Fassung %(number)s") % {"number": version.number}),
                    "befund": [str(p) for p in problems],
                }
            )
    declarations = 0
    queryset = Declaration.objects.select_related("agreement_version", "organisation").order_by(
        "pk"
    )
    for declaration in queryset.iterator(chunk_size=500):
        declarations += 1
        problems = declaration.seal_problems()
        if problems:
            failures.append(
                {
                    "art": "erklaerung",
                    "id": declaration.pk,
                    "name": str(
                        _("Erklärung Nr. %(pk)s von %(organisation)s zur Fassung %(number)s")
                        % {
                            "pk": declaration.pk,
                            "organisation": declaration.organisation.name,
                            "number": declaration.agreement_version.number,
                        }
                    ),
                    "befund": [str(p) for p in problems],
                }
            )
    return SealCheck.objects.create(
        checked_at=now or timezone.now(),
        declarations=declarations,
        versions=versions,
        failures=failures,
    )


def last_seal_check():
    return SealCheck.objects.order_by("-checked_at", "-pk").first()


def seal_check_warning(check, *, now=None):
    """Why the coordinators should look (never ran, failed, too old), or ""."""
    now = now or timezone.now()
    if check is None:
        return _("Die Siegel wurden noch nie geprüft.")
    if not check.ok:
        return _("Die letzte Prüfung hat Abweichungen gefunden.")
    if now - check.checked_at > SEAL_CHECK_MAX_AGE:
        return _("Die letzte Prüfung ist älter als zwei Tage; läuft der Task-Worker?")
    return ""


def next_seal_check_at(now=None):
    """The next night's check: tomorrow (or today, before the hour) at 3 o'clock local time."""
    local = timezone.localtime(now or timezone.now())
    at = local.replace(hour=SEAL_CHECK_HOUR, minute=0, second=0, microsecond=0)
    if at <= local:
        at = timezone.make_aware(
            datetime.datetime.combine(at.date() + datetime.timedelta(days=1), at.time())
        )
    return at
