from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from core.markup import render_markdown
from core.roles import get_roles
from partners.models import Organisation
from posts.bounds import check_dates


class PostQuerySet(models.QuerySet):
    def published(self):
        """Posts a coordinator has published, the newest first."""
        return self.filter(status=Post.Status.PUBLISHED).order_by("-published_at", "-pk")

    def current(self):
        """Published news and events that have not ended yet."""
        now = timezone.now()
        return self.published().filter(
            Q(kind=Post.Kind.NEWS)
            | Q(ends_at__gte=now)
            | Q(ends_at__isnull=True, starts_at__gte=now)
        )

    def upcoming_events(self):
        """Published events that have not ended, the soonest first."""
        now = timezone.now()
        return (
            self.filter(status=Post.Status.PUBLISHED, kind=Post.Kind.EVENT)
            .annotate(until=Coalesce("ends_at", "starts_at"))
            .filter(until__gte=now)
            .order_by("starts_at", "pk")
        )

    def awaiting_moderation(self):
        """Submitted posts of active partners, the one waiting longest first."""
        return self.filter(
            Organisation.active_condition("organisation"), status=Post.Status.SUBMITTED
        ).order_by("submitted_at", "pk")

    def of_user(self, user):
        """Posts of the organisations in which the user is a contact (any state)."""
        return self.filter(organisation__in=[o.pk for o in get_roles(user).organisations])

    def visible_to(self, user):
        """Published posts for everyone; the own organisations' and, for coordinators, all."""
        roles = get_roles(user)
        if roles.is_coordinator:
            return self.all()
        return self.filter(
            Q(status=Post.Status.PUBLISHED)
            | Q(organisation__in=[o.pk for o in roles.organisations])
        )


class Post(models.Model):
    """A partner's news item or event for the homepage, published after moderation."""

    class Kind(models.TextChoices):
        NEWS = "news", _("Neuigkeit")
        EVENT = "event", _("Veranstaltung")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Entwurf")
        SUBMITTED = "submitted", _("eingereicht")
        PUBLISHED = "published", _("veröffentlicht")
        REJECTED = "rejected", pgettext_lazy("post status", "abgelehnt")

    # Allowed status transitions; services check them through can_<verb>().
    TRANSITIONS = {
        Status.DRAFT: {Status.SUBMITTED},
        Status.SUBMITTED: {Status.PUBLISHED, Status.REJECTED},
        Status.REJECTED: {Status.SUBMITTED},
        Status.PUBLISHED: set(),
    }
    EDITABLE = {Status.DRAFT, Status.REJECTED}

    organisation = models.ForeignKey(
        "partners.Organisation",
        verbose_name=_("Organisation"),
        on_delete=models.PROTECT,
        related_name="posts",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("verfasst von"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="posts",
    )
    kind = models.CharField(_("Art"), max_length=10, choices=Kind.choices, default=Kind.NEWS)
    title = models.CharField(_("Titel"), max_length=200)
    slug = models.SlugField(_("Kennung"), max_length=220, unique=True, editable=False)
    teaser = models.CharField(
        _("Kurztext"), max_length=300, help_text=_("Ein bis zwei Sätze für die Übersicht.")
    )
    body = models.TextField(
        _("Text"),
        blank=True,
        help_text=_(
            "Markdown: **fett**, *kursiv*, [Linktext](https://…), Listen mit „- “. "
            "HTML und Skripte werden entfernt."
        ),
    )
    image = models.ImageField(
        _("Bild"),
        upload_to="beitraege/",
        blank=True,
        help_text=_("PNG, JPEG oder WebP, höchstens 2 MB."),
    )
    image_alt = models.CharField(
        _("Bildbeschreibung"),
        max_length=200,
        blank=True,
        help_text=_("Was auf dem Bild zu sehen ist, für Menschen, die es nicht sehen können."),
    )
    starts_at = models.DateTimeField(_("Beginn"), null=True, blank=True)
    ends_at = models.DateTimeField(_("Ende"), null=True, blank=True)
    place = models.CharField(pgettext_lazy("venue", "Ort"), max_length=200, blank=True)
    carries_seal = models.BooleanField(
        _("mit Gütesiegel"),
        default=False,
        help_text=_(
            "Die Aktivität trägt das Gütesiegel des Netzwerks. Nur möglich, wenn Ihre "
            "Organisation die Nutzungsbedingungen angenommen hat."
        ),
    )
    status = models.CharField(
        _("Status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    created_at = models.DateTimeField(_("angelegt am"), auto_now_add=True)
    updated_at = models.DateTimeField(_("geändert am"), auto_now=True)
    submitted_at = models.DateTimeField(_("eingereicht am"), null=True, blank=True)
    published_at = models.DateTimeField(_("veröffentlicht am"), null=True, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("moderiert von"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="moderated_posts",
    )
    rejection_reason = models.TextField(_("Ablehnungsgrund"), blank=True)

    objects = PostQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Beitrag")
        verbose_name_plural = _("Beiträge")
        ordering = ["-created_at"]
        indexes = [
            # The newest published posts: home page, /aktuelles/ and its feed.
            models.Index(fields=["status", "-published_at", "-id"], name="post_status_published"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind="event") | Q(starts_at__isnull=False),
                name="post_event_has_start",
                violation_error_message=_("Eine Veranstaltung braucht einen Beginn."),
            ),
            models.CheckConstraint(
                condition=Q(ends_at__isnull=True)
                | Q(starts_at__isnull=True)
                | Q(ends_at__gte=models.F("starts_at")),
                name="post_ends_after_start",
                violation_error_message=_("Das Ende darf nicht vor dem Beginn liegen."),
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("posts:detail", kwargs={"slug": self.slug})

    def clean(self):
        # Bounded dates for every form of a post (the admin's too): no year 1, no 500.
        errors = check_dates(self.starts_at, self.ends_at)
        if errors:
            raise ValidationError(errors)

    @property
    def is_event(self):
        return self.kind == self.Kind.EVENT

    @property
    def is_published(self):
        return self.status == self.Status.PUBLISHED

    @property
    def body_html(self):
        return render_markdown(self.body)

    def can_change_status(self, new_status):
        return new_status in self.TRANSITIONS[self.status]

    def can_edit(self):
        return self.status in self.EDITABLE

    def can_submit(self):
        return self.can_change_status(self.Status.SUBMITTED)

    def can_publish(self):
        return self.can_change_status(self.Status.PUBLISHED)

    def can_reject(self):
        return self.can_change_status(self.Status.REJECTED)
