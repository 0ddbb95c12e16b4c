"""A circular and its deliveries (the package docstring, circulars.models, says why).

One Delivery per recipient address: the unique constraint on (circular, email) means
a restarted worker finds every address it already handled and never mails it twice.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.markup import render_markdown
from core.records import GuardedQuerySet, GuardedRecord, _refusal

SUBJECT_MAX_LENGTH = 200
BODY_MAX_LENGTH = 20000


# What went out: once a circular has left the draft, these never change (see policies.py).
# State, progress timestamps and the public flag stay mutable; so do created_by/sent_by,
# which the deletion of an account sets to NULL.
LOCKED_WHEN_SENT = frozenset(
    {"subject", "subject_en", "body", "kind", "audience", "audience_description", "working_group"}
)


class CircularQuerySet(GuardedQuerySet):
    def update(self, **kwargs):
        # Finer than GuardedQuerySet: the worker moves state and timestamps of a running
        # circular in bulk; only the content of a sent one is refused.
        if set(kwargs) & self.model.LOCKED_WHEN_SENT and self.locked().exists():
            raise _refusal(self.model)
        return models.QuerySet.update(self, **kwargs)

    update.queryset_only = True

    def public(self):
        """Sent circulars the coordinators marked public: news on /aktuelles/."""
        return self.filter(public=True, state=Circular.State.SENT).order_by("-finished_at", "-pk")

    def of_group_lead(self, user, group):
        """The group's circulars a person sees: the lead theirs, coordinators all."""
        from core.roles import is_coordinator

        if not user.is_authenticated:
            return self.none()
        if is_coordinator(user):
            return self.filter(working_group=group)
        return self.filter(working_group=group, created_by=user)

    def received_by(self, user):
        """Circulars with a delivery sent to this account, newest first."""
        if not user.is_authenticated:
            return self.none()
        return (
            self.filter(deliveries__user=user, deliveries__status=Delivery.Status.SENT)
            .distinct()
            .order_by("-queued_at", "-pk")
        )


class Circular(GuardedRecord):
    """A message of the coordinators to (part of) the network.

    A final record once it leaves the draft: its content (LOCKED_WHEN_SENT) is what
    went out, and save(), QuerySet.update() and delete() refuse to change it
    (core.records); the policies say the same to the views and the admin.
    """

    LOCKED_WHEN_SENT = LOCKED_WHEN_SENT

    class Kind(models.TextChoices):
        MEMBERSHIP = "membership", _("Mitgliedschaft (an alle gewählten Ansprechpersonen)")
        MEETINGS = "meetings", _("Treffen und Wahlen (an alle gewählten Ansprechpersonen)")
        NEWSLETTER = "newsletter", _("Newsletter (nur an Personen mit Einwilligung)")

    class State(models.TextChoices):
        DRAFT = "draft", _("Entwurf")
        QUEUED = "queued", _("wartet auf den Versand")
        SENDING = "sending", _("wird versandt")
        SENT = "sent", _("versandt")
        CANCELLED = "cancelled", _("abgebrochen")

    subject = models.CharField(_("Betreff (deutsch)"), max_length=SUBJECT_MAX_LENGTH)
    subject_en = models.CharField(
        _("Betreff (englisch)"),
        max_length=SUBJECT_MAX_LENGTH,
        blank=True,
        help_text=_("Optional: Empfänger, die Englisch gewählt haben, erhalten diesen Betreff."),
    )
    body = models.TextField(
        _("Text"),
        max_length=BODY_MAX_LENGTH,
        help_text=_("Markdown: **fett**, *kursiv*, Listen mit -, Links."),
    )
    kind = models.CharField(_("Art"), max_length=20, choices=Kind.choices)
    audience = models.JSONField(_("Empfängerkreis"), default=dict, blank=True)
    audience_description = models.TextField(_("Empfängerkreis (Beschreibung)"), blank=True)
    # Set for a circular a working group's lead writes to its members: the audience is
    # then fixed to that group (policies.can_create_group_circular).
    working_group = models.ForeignKey(
        "workgroups.WorkingGroup",
        verbose_name=_("Arbeitsgruppe"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="circulars",
    )
    state = models.CharField(_("Status"), max_length=20, choices=State.choices, default=State.DRAFT)
    public = models.BooleanField(
        _("öffentlich unter Aktuelles"),
        default=False,
        help_text=_("Nach dem Versand auf /aktuelles/ und im Feed zeigen."),
    )
    # A coordinator who deletes the account leaves the circulars (the archive) behind.
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("angelegt von"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("versandt von"),
        on_delete=models.SET_NULL,
        related_name="+",
        null=True,
        blank=True,
    )
    created_at = models.DateTimeField(_("angelegt am"), auto_now_add=True)
    updated_at = models.DateTimeField(_("geändert am"), auto_now=True)
    queued_at = models.DateTimeField(_("Versand begonnen am"), null=True, blank=True)
    finished_at = models.DateTimeField(_("Versand beendet am"), null=True, blank=True)
    attachments = models.ManyToManyField(
        "materials.Document",
        verbose_name=_("Anhänge"),
        through="CircularAttachment",
        blank=True,
        related_name="circulars",
        help_text=_("Öffentliche Dokumente aus den Materialien; die Mail enthält Links zu ihnen."),
    )
    # Set by the worker once every recipient has its Delivery (circulars.deliveries.materialise).
    resolved_at = models.DateTimeField(_("Empfängerliste erstellt am"), null=True, blank=True)

    objects = CircularQuerySet.as_manager()

    class Meta:
        verbose_name = _("Rundschreiben")
        verbose_name_plural = _("Rundschreiben")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["public", "state"], name="circular_public_state")]

    def __str__(self):
        return self.subject

    def get_absolute_url(self):
        return reverse("circulars:detail", kwargs={"pk": self.pk})

    def get_read_url(self):
        return reverse("circulars:read", kwargs={"pk": self.pk})

    @property
    def body_html(self):
        return render_markdown(self.body)

    @property
    def is_newsletter(self):
        return self.kind == self.Kind.NEWSLETTER

    @property
    def is_running(self):
        return self.state in (self.State.QUEUED, self.State.SENDING)

    @classmethod
    def locked_rows(cls):
        return ~models.Q(state=cls.State.DRAFT)

    def locked_fields(self):
        if self.state == self.State.DRAFT:
            return frozenset()
        return self.LOCKED_WHEN_SENT

    def subject_for(self, language):
        if language == "en" and self.subject_en:
            return self.subject_en
        return self.subject


class Delivery(models.Model):
    """One recipient address of a circular and what became of the mail to it."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("wartet")
        SENDING = "sending", _("wird gesendet")
        SENT = "sent", _("gesendet")
        FAILED = "failed", _("fehlgeschlagen")
        CANCELLED = "cancelled", _("nicht gesendet (abgebrochen)")

    circular = models.ForeignKey(
        Circular,
        verbose_name=_("Rundschreiben"),
        on_delete=models.CASCADE,
        related_name="deliveries",
    )
    email = models.EmailField(_("E-Mail-Adresse"))
    name = models.CharField(_("Name"), max_length=200, blank=True)
    organisation_name = models.CharField(_("Organisation"), max_length=200, blank=True)
    contact = models.ForeignKey(
        "partners.Contact",
        verbose_name=_("Ansprechperson"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Konto"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="circular_deliveries",
    )
    language = models.CharField(_("Sprache"), max_length=5, default=settings.LANGUAGE_CODE)
    status = models.CharField(
        _("Status"), max_length=20, choices=Status.choices, default=Status.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(_("Versuche"), default=0)
    retry_after = models.DateTimeField(_("nächster Versuch ab"), null=True, blank=True)
    attempted_at = models.DateTimeField(_("letzter Versuch am"), null=True, blank=True)
    error = models.TextField(_("Fehler"), blank=True)
    sent_at = models.DateTimeField(_("gesendet am"), null=True, blank=True)

    class Meta:
        verbose_name = _("Zustellung")
        verbose_name_plural = _("Zustellungen")
        ordering = ["circular", "email"]
        constraints = [
            models.UniqueConstraint(
                fields=["circular", "email"], name="delivery_unique_address_per_circular"
            ),
        ]
        indexes = [models.Index(fields=["circular", "status"], name="delivery_circular_status")]

    def __str__(self):
        return f"{self.circular} → {self.email}"
