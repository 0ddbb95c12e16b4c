"""The one place that knows the roles.

Roles are data: a person's contacts (their link to an organisation, with a function
and the representative flag) and membership of the coordinator group. Views check
them through the mixins below; templates only use them to show or hide links.

Semantics follow Django's AccessMixin: anonymous users are sent to the login page,
logged-in users without the role get 403.
"""

from django.contrib.auth.mixins import AccessMixin, LoginRequiredMixin
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

COORDINATOR_GROUP = "Koordination"


class Roles:
    """What one user may do, computed once per request."""

    def __init__(self, user):
        self.user = user
        self.authenticated = bool(user and user.is_authenticated)
        self._contacts = None
        self._coordinator = None
        self._speaker = None

    @property
    def contacts(self):
        """The user's contacts in active organisations, with their organisation."""
        if self._contacts is None:
            from partners.models import Contact, Organisation

            if not self.authenticated:
                self._contacts = []
            else:
                self._contacts = list(
                    Contact.objects.filter(
                        user=self.user,
                        organisation__status=Organisation.Status.ACTIVE,
                    ).select_related("organisation")
                )
        return self._contacts

    @property
    def is_coordinator(self):
        if self._coordinator is None:
            self._coordinator = self.authenticated and (
                self.user.is_superuser or self.user.groups.filter(name=COORDINATOR_GROUP).exists()
            )
        return self._coordinator

    @property
    def organisations(self):
        return [c.organisation for c in self.contacts]

    @property
    def represented_organisations(self):
        return [c.organisation for c in self.contacts if c.is_representative]

    @property
    def is_partner_contact(self):
        return bool(self.contacts)

    @property
    def is_representative(self):
        return bool(self.represented_organisations)

    @property
    def is_speaker_group_member(self):
        if self._speaker is None:
            ids = speaker_group_organisation_ids()
            self._speaker = any(o.pk in ids for o in self.organisations)
        return self._speaker

    @property
    def may_read_coordination(self):
        return self.is_coordinator or self.is_speaker_group_member

    @property
    def reads_network_internals(self):
        """Partners' contacts (the speaker group among them) and coordinators read the
        network's internal parts: agendas, minutes, partner documents. The one answer."""
        return self.is_partner_contact or self.is_coordinator


def speaker_group_organisation_ids():
    """Ids of the organisations in the speaker group now.

    The coordinating organisations sit ex officio; the elected seats come from the
    elections app, which registers a provider here when it is installed.
    """
    from partners.models import Organisation

    ids = set(Organisation.objects.active().coordinating().values_list("pk", flat=True))
    for provider in SPEAKER_GROUP_PROVIDERS:
        ids |= set(provider())
    return ids


# Callables returning ids of elected speaker-group organisations (see elections.apps).
SPEAKER_GROUP_PROVIDERS = []


def get_roles(user):
    """The Roles of a user, cached on the user object for the request."""
    roles = getattr(user, "_netzwerk_roles", None)
    if roles is None:
        roles = Roles(user)
        if user is not None:
            user._netzwerk_roles = roles
    return roles


def is_coordinator(user):
    return get_roles(user).is_coordinator


def require_coordinator(user, message=None):
    """For services: refuse (PermissionDenied) anyone but a coordinator."""
    if user is None or not is_coordinator(user):
        raise PermissionDenied(message or _("Nur die Koordination darf das."))


def is_speaker_group_member(user):
    return get_roles(user).is_speaker_group_member


def is_partner_contact(user):
    return get_roles(user).is_partner_contact


def reads_network_internals(user):
    return get_roles(user).reads_network_internals


def contact_organisations(user):
    """Active organisations in which the user is a contact."""
    return get_roles(user).organisations


def represents(user, organisation):
    """Whether the user is a representative of this active organisation."""
    return any(o.pk == organisation.pk for o in get_roles(user).represented_organisations)


def make_coordinator(user):
    """Put the user into the coordinator group."""
    group, _ = Group.objects.get_or_create(name=COORDINATOR_GROUP)
    user.groups.add(group)
    user._netzwerk_roles = None


class RoleRequiredMixin(AccessMixin):
    """Base of the role mixins: deny unless has_role() says yes."""

    def has_role(self, roles):
        return False

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if not self.has_role(get_roles(request.user)):
            return self.handle_no_permission()
        return super().dispatch(request, *args, **kwargs)


class CoordinatorRequiredMixin(RoleRequiredMixin):
    def has_role(self, roles):
        return roles.is_coordinator


class CoordinationReadMixin(RoleRequiredMixin):
    """Coordinators, and the speaker group for reading."""

    def has_role(self, roles):
        return roles.may_read_coordination


class PartnerContactRequiredMixin(RoleRequiredMixin):
    """Contacts of an active partner organisation (coordinators too)."""

    def has_role(self, roles):
        return roles.is_partner_contact or roles.is_coordinator


class RepresentativeRequiredMixin(RoleRequiredMixin):
    def has_role(self, roles):
        return roles.is_representative


__all__ = [
    "COORDINATOR_GROUP",
    "CoordinationReadMixin",
    "CoordinatorRequiredMixin",
    "LoginRequiredMixin",
    "PartnerContactRequiredMixin",
    "RepresentativeRequiredMixin",
    "contact_organisations",
    "get_roles",
    "is_coordinator",
    "is_partner_contact",
    "is_speaker_group_member",
    "make_coordinator",
    "reads_network_internals",
    "represents",
]


class CoordinatorBackend:
    """Grants coordinators every model permission, so the admin works for them."""

    def authenticate(self, request, **credentials):
        return None

    def has_perm(self, user_obj, perm, obj=None):
        return user_obj.is_active and is_coordinator(user_obj)

    def has_module_perms(self, user_obj, app_label):
        return user_obj.is_active and is_coordinator(user_obj)

    def get_user(self, user_id):
        return None


def coordinator_emails():
    """Addresses that receive notices for the coordinators."""
    from django.conf import settings
    from django.contrib.auth import get_user_model

    users = get_user_model().objects.filter(groups__name=COORDINATOR_GROUP, is_active=True)
    return sorted(set(users.values_list("email", flat=True)) | set(settings.COORDINATORS_EMAIL))
