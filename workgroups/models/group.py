"""A working group and its member organisations (one module: each one's queries use the other)."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Prefetch, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from core.records import ALL_FIELDS, GuardedQuerySet, GuardedRecord, _refusal
from core.roles import get_roles
from partners.models import Organisation
from workgroups.bounds import check_year
from workgroups.models.group_meetings import GroupMeetingQueries, GroupMeetings


class WorkingGroupQuerySet(GroupMeetingQueries, GuardedQuerySet):
    def update(self, **kwargs):
        # Finer than GuardedQuerySet: an active group's other fields may change in bulk;
        # its founding fields and every field of a closed group may not.
        from workgroups.policies import FOUNDING_FIELDS

        touched = set(kwargs) - self.model.ALWAYS_MUTABLE_FIELDS
        if (touched & FOUNDING_FIELDS and self.exists()) or (
            touched and self.filter(status=WorkingGroup.Status.CLOSED).exists()
        ):
            raise _refusal(self.model)
        return models.QuerySet.update(self, **kwargs)

    update.queryset_only = True

    def active(self):
        """Groups that are working now."""
        return self.filter(status=WorkingGroup.Status.ACTIVE)

    def closed(self):
        """Groups that have been closed (the archive)."""
        return self.filter(status=WorkingGroup.Status.CLOSED)

    def named(self, name):
        """Groups with this name, ignoring case and surrounding spaces."""
        return self.filter(name__iexact=name.strip())

    def with_members(self):
        """Groups with lead and active member organisations loaded in a fixed number of queries."""
        return self.select_related("lead_organisation", "lead_contact").prefetch_related(
            Prefetch(
                "memberships",
                queryset=Membership.objects.active().select_related("organisation"),
                to_attr="active_memberships",
            )
        )

    def of_organisation(self, organisation):
        """Groups in which the organisation is an active member."""
        return self.filter(
            memberships__organisation=organisation,
            memberships__status=Membership.Status.ACTIVE,
        ).distinct()

    def internal_readable_by(self, user):
        """Groups whose internal documents and minutes the user may read.

        Coordinators read all; contacts of an active partner read the groups in which
        their organisation is an active member.
        """
        roles = get_roles(user)
        if roles.is_coordinator:
            return self.all()
        organisation_ids = [o.pk for o in roles.organisations]
        if not organisation_ids:
            return self.none()
        return self.filter(
            memberships__organisation_id__in=organisation_ids,
            memberships__status=Membership.Status.ACTIVE,
        ).distinct()

    def managed_by(self, user):
        """Groups the user may manage: all for coordinators, else those they lead."""
        roles = get_roles(user)
        if roles.is_coordinator:
            return self.all()
        if not roles.authenticated:
            return self.none()
        return self.filter(
            Organisation.active_condition("lead_contact__organisation"),
            lead_contact__user=user,
        )


class WorkingGroup(GroupMeetings, GuardedRecord):
    """A topic group under the network's roof (paragraph 5 of the agreement).

    Its lifecycle is in workgroups/policies.py: founded on an adopted resolution,
    founding date and resolution are locked; a closed group is final.
    """

    class Status(models.TextChoices):
        ACTIVE = "active", _("aktiv")
        CLOSED = "closed", _("geschlossen")

    class Access(models.TextChoices):
        OPEN = "open", _("offen: Partner treten direkt bei")
        REQUEST = "request", _("auf Anfrage: die Leitung entscheidet")

    name = models.CharField(_("Name"), max_length=200)
    slug = models.SlugField(_("Kennung"), max_length=200, unique=True)
    topic = models.CharField(_("Thema"), max_length=200)
    description = models.TextField(_("Beschreibung"), blank=True)
    status = models.CharField(
        _("Status"), max_length=20, choices=Status.choices, default=Status.ACTIVE
    )
    access = models.CharField(
        _("Beitritt"), max_length=20, choices=Access.choices, default=Access.OPEN
    )
    founded_on = models.DateField(_("gegründet am"))
    closed_on = models.DateField(_("geschlossen am"), null=True, blank=True)
    lead_organisation = models.ForeignKey(
        "partners.Organisation",
        verbose_name=_("leitende Organisation"),
        on_delete=models.PROTECT,
        related_name="led_working_groups",
    )
    lead_contact = models.ForeignKey(
        "partners.Contact",
        verbose_name=_("Ansprechperson der Leitung"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="led_working_groups",
    )
    founding_resolution = models.ForeignKey(
        "meetings.Resolution",
        verbose_name=_("Gründungsbeschluss im Netzwerktreffen"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="founded_working_groups",
    )
    founding_note = models.CharField(
        _("Gründungsbeschluss"),
        max_length=300,
        blank=True,
        help_text=_("z. B. „Beschluss des Netzwerktreffens vom 12. März“"),
    )

    corrections = GenericRelation("netzwerk.Correction")

    objects = WorkingGroupQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Arbeitsgruppe")
        verbose_name_plural = _("Arbeitsgruppen")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("workgroups:detail", kwargs={"slug": self.slug})

    @property
    def is_active(self):
        return self.status == self.Status.ACTIVE

    def clean(self):
        """Dates in bounds, closing not before founding (admin forms and corrections)."""
        errors = {}
        for name in ["founded_on", "closed_on"]:
            try:
                check_year(getattr(self, name))
            except ValidationError as error:
                errors[name] = error
        if not errors and self.founded_on and self.closed_on and self.closed_on < self.founded_on:
            errors["closed_on"] = ValidationError(
                _("Eine Gruppe wird nicht vor ihrer Gründung geschlossen."), code="before_founding"
            )
        if errors:
            raise ValidationError(errors)

    @classmethod
    def locked_rows(cls):
        # Every founded group has its founding fields locked.
        return Q(pk__isnull=False)

    def locked_fields(self):
        from workgroups.policies import FOUNDING_FIELDS

        if self.status == self.Status.CLOSED:
            return ALL_FIELDS
        return FOUNDING_FIELDS

    @property
    def is_open(self):
        return self.access == self.Access.OPEN

    def is_led_by(self, user):
        """Whether the user is the lead contact (of an active organisation)."""
        contact = self.lead_contact
        return bool(
            contact is not None
            and user is not None
            and user.is_authenticated
            and contact.user_id == user.pk
            and any(o.pk == contact.organisation_id for o in get_roles(user).organisations)
        )

    def may_be_managed_by(self, user):
        return get_roles(user).is_coordinator or self.is_led_by(user)

    def member_organisation_ids(self):
        """Ids of the active member organisations (uses a prefetch when there is one)."""
        memberships = getattr(self, "active_memberships", None)
        if memberships is not None:
            return {m.organisation_id for m in memberships}
        return set(self.memberships.active().values_list("organisation_id", flat=True))

    def invitee_organisations(self):
        """The organisations invited to the group's meetings: its active members."""
        organisation_model = self.lead_organisation.__class__
        return organisation_model.objects.active().filter(
            working_group_memberships__group=self,
            working_group_memberships__status=Membership.Status.ACTIVE,
        )

    def may_be_read_internally_by(self, user):
        """Whether the user may read the group's internal documents and minutes."""
        roles = get_roles(user)
        if roles.is_coordinator:
            return True
        member_ids = self.member_organisation_ids()
        return any(o.pk in member_ids for o in roles.organisations)


def attach_member_names(groups):
    """Give each group `member_names`: its active member organisations' names in name
    order, comma-separated. One query of plain tuples: a list of a hundred groups would
    otherwise build a model instance for every membership and organisation."""
    groups = list(groups)
    names = {group.pk: [] for group in groups}
    rows = (
        Membership.objects.active()
        .filter(group__in=groups)
        .order_by("organisation__name", "pk")
        .values_list("group_id", "organisation__name")
    )
    for group_id, name in rows:
        names[group_id].append(name)
    for group in groups:
        group.member_names = ", ".join(names[group.pk])
    return groups


class MembershipQuerySet(models.QuerySet):
    def active(self):
        """Organisations that take part in their group now."""
        return self.filter(status=Membership.Status.ACTIVE)

    def pending(self):
        """Requests waiting for the lead's or a coordinator's decision, oldest first."""
        return self.filter(status=Membership.Status.REQUESTED).order_by("requested_at")

    def decidable_by(self, user):
        """Pending requests the user may decide: all for coordinators, else their groups'."""
        return self.pending().filter(group__in=WorkingGroup.objects.managed_by(user))


class Membership(models.Model):
    """A partner organisation's membership in a working group, from request to exit."""

    class Status(models.TextChoices):
        REQUESTED = "requested", _("angefragt")
        ACTIVE = "active", _("Mitglied")
        DECLINED = "declined", pgettext_lazy("membership request status", "abgelehnt")
        LEFT = "left", _("ausgetreten")

    # Allowed status transitions; a declined or former member may ask again.
    TRANSITIONS = {
        Status.REQUESTED: {Status.ACTIVE, Status.DECLINED, Status.LEFT},
        Status.ACTIVE: {Status.LEFT},
        Status.DECLINED: {Status.REQUESTED, Status.ACTIVE},
        Status.LEFT: {Status.REQUESTED, Status.ACTIVE},
    }

    group = models.ForeignKey(
        WorkingGroup,
        verbose_name=_("Arbeitsgruppe"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    organisation = models.ForeignKey(
        "partners.Organisation",
        verbose_name=_("Organisation"),
        on_delete=models.CASCADE,
        related_name="working_group_memberships",
    )
    contacts = models.ManyToManyField(
        "partners.Contact",
        verbose_name=_("beteiligte Personen"),
        related_name="working_group_memberships",
        blank=True,
    )
    status = models.CharField(
        _("Status"), max_length=20, choices=Status.choices, default=Status.REQUESTED
    )
    requested_at = models.DateTimeField(_("angefragt am"), default=timezone.now)
    joined_on = models.DateField(_("Mitglied seit"), null=True, blank=True)
    left_on = models.DateField(_("ausgetreten am"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entschieden von"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = MembershipQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Mitgliedschaft in einer Arbeitsgruppe")
        verbose_name_plural = _("Mitgliedschaften in Arbeitsgruppen")
        ordering = ["organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["group", "organisation"], name="membership_unique_per_group"
            ),
            models.CheckConstraint(
                condition=~Q(status="active") | Q(joined_on__isnull=False),
                name="membership_active_has_joined_on",
            ),
        ]

    def __str__(self):
        return f"{self.organisation} – {self.group}"

    def can_change_status(self, new_status):
        return new_status in self.TRANSITIONS[self.status]
