"""Invitations to a meeting, their answers (RSVP) and who attended."""

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import TruncDate
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.models import HistoricalRecords

from meetings.models.common import BERLIN
from meetings.models.meeting import Meeting

# The most people one organisation announces for a meeting (RSVP).
MAX_ATTENDEES_PER_ORGANISATION = 50
# "Wer kommt?": names, one a line; room for 50 names is far more than any reply needs.
MAX_ATTENDEE_NAMES_LENGTH = 500


def attendee_name_list(text):
    """The names of a reply's "Wer kommt?", one a line, blank lines skipped."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def attendee_names_problem(text, count):
    """Why the names do not fit the reply ("" when they do): too long, or more than announced."""
    if len(text or "") > MAX_ATTENDEE_NAMES_LENGTH:
        return _("Bitte fassen Sie sich kürzer: höchstens %(max)s Zeichen (jetzt %(length)s).") % {
            "max": MAX_ATTENDEE_NAMES_LENGTH,
            "length": len(text),
        }
    names = attendee_name_list(text)
    if len(names) > (count or 0):
        return ngettext(
            "Sie haben %(names)s Namen angegeben, aber %(count)s Person angemeldet. Bitte "
            "erhöhen Sie die Anzahl oder nennen Sie höchstens so viele Namen (einen pro Zeile).",
            "Sie haben %(names)s Namen angegeben, aber %(count)s Personen angemeldet. Bitte "
            "erhöhen Sie die Anzahl oder nennen Sie höchstens so viele Namen (einen pro Zeile).",
            count or 0,
        ) % {"names": len(names), "count": count or 0}
    return ""


def counting_q(prefix=""):
    """Invitations whose organisation is a partner on the meeting's day (as a Q).

    One that has left by then, or whose declared exit takes effect by then (at the
    start of its day), no longer counts: its answer is not one of the network's. Past
    meetings keep counting the organisations that were partners then. `prefix` is
    the path from the queried model to the invitation, e.g. "invitations__".
    """
    day = TruncDate(f"{prefix}meeting__start", tzinfo=BERLIN)
    organisation = f"{prefix}organisation__"
    return (
        Q(**{f"{organisation}exit_on__isnull": True}) | Q(**{f"{organisation}exit_on__gt": day})
    ) & (Q(**{f"{organisation}left_on__isnull": True}) | Q(**{f"{organisation}left_on__gt": day}))


class InvitationQuerySet(models.QuerySet):
    def counting(self):
        """The invitations whose answers count (see counting_q)."""
        return self.filter(counting_q())

    def not_counting(self):
        return self.exclude(counting_q())

    def answered(self):
        return self.exclude(answer="")

    def unanswered(self):
        return self.filter(answer="")


class Invitation(models.Model):
    """An organisation's invitation to a meeting and its answer (RSVP)."""

    class Answer(models.TextChoices):
        YES = "yes", _("Zusage")
        NO = "no", _("Absage")
        MAYBE = "maybe", _("Vielleicht")

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("Treffen"), on_delete=models.CASCADE, related_name="invitations"
    )
    organisation = models.ForeignKey(
        "partners.Organisation",
        verbose_name=_("Organisation"),
        on_delete=models.CASCADE,
        related_name="meeting_invitations",
    )
    invited_at = models.DateTimeField(_("eingeladen am"), default=timezone.now)
    answer = models.CharField(_("Antwort"), max_length=10, choices=Answer.choices, blank=True)
    attendee_names = models.TextField(
        _("Wer kommt?"),
        blank=True,
        max_length=MAX_ATTENDEE_NAMES_LENGTH,
        help_text=_("Namen, einer pro Zeile; höchstens so viele, wie Personen kommen"),
    )
    attendee_count = models.PositiveSmallIntegerField(
        _("Anzahl Personen"),
        default=0,
        validators=[MaxValueValidator(MAX_ATTENDEES_PER_ORGANISATION)],
    )
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("beantwortet von"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    answered_at = models.DateTimeField(_("beantwortet am"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("erinnert am"), null=True, blank=True)

    objects = InvitationQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Einladung")
        verbose_name_plural = _("Einladungen")
        ordering = ["meeting", "organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "organisation"], name="invitation_unique_per_organisation"
            ),
        ]

    def __str__(self):
        return f"{self.meeting} – {self.organisation}"

    def get_absolute_url(self):
        return reverse("meetings:rsvp", kwargs={"pk": self.meeting_id})


class Attendance(models.Model):
    """An organisation that attended a held meeting."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("Treffen"), on_delete=models.CASCADE, related_name="attendances"
    )
    organisation = models.ForeignKey(
        "partners.Organisation",
        verbose_name=_("Organisation"),
        on_delete=models.CASCADE,
        related_name="meeting_attendances",
    )
    attendee_names = models.TextField(_("Anwesende Personen"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("erfasst von"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("erfasst am"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Anwesenheit")
        verbose_name_plural = _("Anwesenheiten")
        ordering = ["meeting", "organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "organisation"], name="attendance_unique_per_organisation"
            ),
        ]

    def __str__(self):
        return f"{self.meeting} – {self.organisation}"

    def get_absolute_url(self):
        return self.meeting.get_absolute_url()
