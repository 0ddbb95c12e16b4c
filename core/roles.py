"""The one place that knows the roles.

Roles are data: a person's contacts (their link to an organisation, with a function
and the representative flag) and membership of the coordinator group. Views check
them through the mixins below; templates only use them to show or hide links.

Semantics follow Django's AccessMixin: anonymous users are sent to the login page,
logged-in users without the role get 403.
"""

from django.conf import settings
from django.contrib.auth.mixins import AccessMixin, LoginRequiredMixin
from django.contrib.auth.models import Group
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from core import registry

COORDINATOR_GROUP = "Koordination"
# The authenticator types that count as a second factor (allauth.mfa.models.Authenticator.Type).
SECOND_FACTOR_TYPES = ["totp", "webauthn"]


class Roles:
    """What one user may do, computed once per request."""

    def __init__(self, user):
        self.user = user
        self.authenticated = bool(user and user.is_authenticated)
        self._contacts = None
        self._contact_keys = None
        self._power = None
        self._speaker = None

    @property
    def contacts(self):
        """The user's contacts in active organisations, with their organisation."""
        if self._contacts is None:
            # The partners app answers (registry kind "contacts"); the ground floor
            # knows roles as a protocol, not the organisations' models.
            provider = registry.providers("contacts")
            if not self.authenticated or not provider:
                self._contacts = []
            else:
                self._contacts = list(provider[0](self.user))
        return self._contacts

    def _load_power(self):
        """(in the coordinator group or superuser, has a second factor): one query, read
        from the database on every request, so a revoked role counts at once."""
        if self._power is None:
            if not self.authenticated:
                self._power = (False, False)
            else:
                coordinator, second_factor, self._contact_keys = _power_of(self.user.pk)
                self._power = (self.user.is_superuser or coordinator, second_factor)
        return self._power

    @property
    def has_second_factor(self):
        """An authenticator app or a security key/passkey (recovery codes only back them up)."""
        return self._load_power()[1]

    @property
    def needs_second_factor(self):
        """Holds power (coordinator, superuser, staff) but has no second factor yet, and
        settings.MFA_REQUIRED_FOR_COORDINATORS says one is required: until it is set up,
        the coordinator's powers and the admin stay closed."""
        if not self.authenticated or not settings.MFA_REQUIRED_FOR_COORDINATORS:
            return False
        holds_power = self.user.is_staff or self._load_power()[0]
        return holds_power and not self.has_second_factor

    @property
    def is_coordinator(self):
        return self._load_power()[0] and not self.needs_second_factor

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
            organisations = self.organisations
            # Visitors and people without an organisation ask no database.
            ids = speaker_group_organisation_ids() if organisations else ()
            self._speaker = any(o.pk in ids for o in organisations)
        return self._speaker

    @property
    def may_read_coordination(self):
        return self.is_coordinator or self.is_speaker_group_member

    def fingerprint(self):
        """The roles as a value, read from the database now (one statement with the
        coordinator check): a page kept for this person
        (core.pagecache.cache_personal_page) is served again only while it is the
        same, so a role revoked in any way — through the admin, a service, or SQL past
        Django — shows at the next request."""
        if not self.authenticated:
            return None
        coordinator, second_factor = self._load_power()
        keys = self._contact_keys
        if keys is None:  # no provider of contact_keys_sql: from the contacts themselves
            keys = _sorted_keys(
                (c.pk, c.organisation_id, c.is_representative) for c in self.contacts
            )
        return (coordinator, second_factor, self.user.is_staff, self.user.is_superuser, keys)

    @property
    def reads_network_internals(self):
        """Partners' contacts (the speaker group among them) and coordinators read the
        network's internal parts: agendas, minutes, partner documents. The one answer."""
        return self.is_partner_contact or self.is_coordinator


def _sorted_keys(rows):
    return tuple(
        sorted(
            (pk, organisation, bool(representative)) for pk, organisation, representative in rows
        )
    )


def _power_of(user_pk):
    """(in the coordinator group, has a second factor, the keys of the user's contacts
    or None) of a user, in one statement.

    Asked on every request of a logged-in person; written as one plain SELECT of two
    EXISTS because composing it with the ORM cost several times the query itself. The
    partners app adds its contacts' keys (registry kind "contact_keys_sql": id,
    organisation, representative flag) as rows of the same statement, so that a kept
    page's fingerprint costs one round trip to the database, not two.
    """
    from allauth.mfa.models import Authenticator
    from django.contrib.auth import get_user_model
    from django.db import connection

    quote = connection.ops.quote_name
    membership = get_user_model().groups.through._meta
    factor = Authenticator._meta

    def column(meta, name):
        return quote(meta.get_field(name).column)

    names = {
        "membership": quote(membership.db_table),
        "group_table": quote(Group._meta.db_table),
        "group_pk": quote(Group._meta.pk.column),
        "group": column(membership, "group"),
        "member": column(membership, "user"),
        "factor": quote(factor.db_table),
        "owner": column(factor, "user"),
        "type": column(factor, "type"),
        "types": ", ".join(["%s"] * len(SECOND_FACTOR_TYPES)),
    }
    # Only table and column names from the models' metadata are formatted in.
    sql_power = (  # noqa: S608
        "SELECT EXISTS(SELECT 1 FROM {membership} m"  # nosec B608
        " INNER JOIN {group_table} g ON g.{group_pk} = m.{group}"
        " WHERE m.{member} = %s AND g.name = %s),"
        " EXISTS(SELECT 1 FROM {factor} a WHERE a.{owner} = %s AND a.{type} IN ({types}))"
    ).format(**names)
    params = [user_pk, COORDINATOR_GROUP, user_pk, *SECOND_FACTOR_TYPES]
    provider = registry.providers("contact_keys_sql")
    if not provider:
        with connection.cursor() as cursor:
            cursor.execute(sql_power, params)
            coordinator, second_factor = cursor.fetchone()
        return bool(coordinator), bool(second_factor), None
    contacts_sql, contacts_params = provider[0](user_pk)
    # The power as the row marked 0, each contact as a row marked 1.
    # Both parts are SQL built from the models' metadata, their values parameters.
    sql = "SELECT 0, {power}, NULL, NULL, NULL UNION ALL SELECT 1, NULL, NULL, k.* FROM ({keys}) k"
    sql = sql.format(power=sql_power[len("SELECT ") :], keys=contacts_sql)
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, *contacts_params])
        rows = cursor.fetchall()
    coordinator = second_factor = False
    for row in rows:
        if row[0] == 0:
            coordinator, second_factor = bool(row[1]), bool(row[2])
    return coordinator, second_factor, _sorted_keys(row[3:] for row in rows if row[0] == 1)


def speaker_group_organisation_ids():
    """Ids of the organisations in the speaker group now.

    The apps say who sits there (registry kind "speaker_group"): the partners app the
    coordinating organisations, ex officio; the elections app the elected seats.
    """
    answers = [provider() for provider in registry.providers("speaker_group")]
    # Queries of one column are read together, as one UNION: one round trip, not one each.
    queries = [answer for answer in answers if isinstance(answer, QuerySet)]
    ids = {pk for answer in answers if not isinstance(answer, QuerySet) for pk in answer}
    if queries:
        first, *others = queries
        ids.update(first.union(*others).order_by() if others else first)
    return ids


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

    # Pages of the coordinators' powers: someone who holds power but has no second
    # factor yet is sent to set one up even if another role would let them read it.
    power_page = False

    def has_role(self, roles):
        return False

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        roles = get_roles(request.user)
        if roles.needs_second_factor and (self.power_page or not self.has_role(roles)):
            return redirect_to_second_factor(request)
        if not self.has_role(roles):
            return self.handle_no_permission()
        return super().dispatch(request, *args, **kwargs)


def redirect_to_second_factor(request):
    """Send someone who holds power to the page that walks them through a second factor;
    `next` brings them back where they wanted to go."""
    from django.urls import reverse

    return redirect_to_login(request.get_full_path(), reverse("mfa_index"))


class CoordinatorRequiredMixin(RoleRequiredMixin):
    power_page = True

    def has_role(self, roles):
        return roles.is_coordinator


class CoordinationReadMixin(RoleRequiredMixin):
    """Coordinators, and the speaker group for reading."""

    power_page = True

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
    "redirect_to_second_factor",
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
