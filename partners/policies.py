"""Who may do what to an organisation and its declarations, and when.

An organisation's lifecycle (the fields `status`, `joined_on`, `exit_declared_at`,
`exit_on`, `left_on` and `is_coordinating` change only through partners.services):

| state                        | allowed verbs (who)                                        | next state       |
|------------------------------|------------------------------------------------------------|------------------|
| applies (`applicant`)        | edit the application, sign (its representative);           | active, rejected |
|                              | approve once signed, reject (coordinators)                 |                  |
| active (`active`)            | edit profile (its contacts, coordinators); invite/remove   | exit declared    |
|                              | contacts, sign a new version, declare the exit (its        |                  |
|                              | representative; not a coordinating organisation); make it  |                  |
|                              | coordinating (coordinators; at most two at any time)       |                  |
| exit declared (`active` with | all of `active` (it is a partner until the date); withdraw | active, left     |
| `exit_on`)                   | the exit before its date (its representative); on the date |                  |
|                              | the task worker (or the daily sweep) carries it out        |                  |
| left (`left`, `left_on`)     | its contacts read their declarations (PDF) and personal    | —                |
|                              | data; nothing changes                                      |                  |
| rejected (`rejected`)        | nothing                                                    | —                |

A declaration (Erklärung zur Mitarbeit) is final the moment it is signed: nobody
changes or deletes it (a coordinator may correct the signer's typed name, function
and place by a Berichtigung, kept beside the untouched row). A new agreement version
asks every active partner for a new declaration; the old ones stay. An agreement
version is *published* — final — once it is in force (its `valid_from` has come) or
an organisation has signed it; before that it is a draft, editable in the admin.
Both are sealed with a key from the environment (partners.seal); on PostgreSQL a
trigger refuses UPDATE and DELETE of declarations and published versions.

"Representative" has one meaning: a contact with `is_representative` of that
organisation (`is_representative` below); for active organisations it is answered
from the request's roles (core.roles.represents), for an applicant from its rows.
"""

import datetime

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from core.policies import ALLOW, Decision, coordinators_only, first_refusal
from core.roles import get_roles, represents

# The agreement names exactly two coordinating organisations.
MAX_COORDINATING = 2


def _today(now=None):
    return timezone.localdate(now) if now is not None else timezone.localdate()


# Who is who


def is_contact(user, organisation):
    """Whether the user is a contact (of any kind) of the organisation."""
    if user is None or not user.is_authenticated:
        return False
    if organisation.is_active:
        return any(c.organisation_id == organisation.pk for c in get_roles(user).contacts)
    return organisation.contacts.filter(user=user).exists()


def is_representative(user, organisation):
    """Whether the user is a representative contact of the organisation (any status)."""
    if user is None or not user.is_authenticated:
        return False
    if organisation.is_active:
        return represents(user, organisation)
    return organisation.contacts.filter(user=user, is_representative=True).exists()


def _representative_only(user, organisation, message):
    if is_representative(user, organisation):
        return ALLOW
    return Decision.forbid(message)


# The organisation's lifecycle


def exit_date_bounds(now=None):
    """The earliest and latest exit date one may declare: today to the end of next year."""
    today = _today(now)
    return today, datetime.date(today.year + 1, 12, 31)


def exit_takes_effect_at(exit_on):
    """The moment an exit takes effect: the start of its day in local time (TIME_ZONE)."""
    return timezone.make_aware(
        datetime.datetime.combine(exit_on, datetime.time.min), timezone.get_default_timezone()
    )


def has_declared_exit(organisation):
    return organisation.is_active and organisation.exit_declared_at is not None


def exit_is_due(organisation, *, now=None):
    """Whether the declared exit's date has come (the exit is then carried out)."""
    return has_declared_exit(organisation) and organisation.exit_on <= _today(now)


def can_edit_profile(user, organisation, *, now=None):
    if not organisation.is_active:
        return Decision.refuse(_("Diese Organisation ist kein aktiver Partner."))
    if is_contact(user, organisation) or get_roles(user).is_coordinator:
        return ALLOW
    return Decision.forbid()


def can_manage_contacts(user, organisation, *, now=None):
    if not organisation.is_active:
        return Decision.refuse(_("Diese Organisation ist kein aktiver Partner."))
    if is_representative(user, organisation) or get_roles(user).is_coordinator:
        return ALLOW
    return Decision.forbid(_("Nur vertretungsberechtigte Personen dürfen einladen."))


def can_sign_declaration(user, organisation, version=None, *, now=None):
    status = organisation.Status
    return first_refusal(
        lambda: _representative_only(
            user, organisation, _("Nur vertretungsberechtigte Personen dürfen unterzeichnen.")
        ),
        lambda: (
            ALLOW
            if organisation.is_active or organisation.status == status.APPLICANT
            else Decision.refuse(_("Diese Organisation kann keine Erklärung abgeben."))
        ),
        lambda: (
            Decision.refuse(_("Es gibt noch keine gültige Kooperationsvereinbarung."))
            if version is None
            else ALLOW
        ),
        lambda: (
            Decision.refuse(_("Ihre Organisation hat diese Fassung bereits unterzeichnet."))
            if version is not None
            and organisation.declarations.filter(agreement_version=version).exists()
            else ALLOW
        ),
    )


def can_decide_application(user, organisation, *, now=None):
    decision = coordinators_only(user)
    if not decision:
        return decision
    if organisation.status != organisation.Status.APPLICANT:
        return Decision.refuse(_("Diese Bewerbung ist bereits entschieden."))
    return ALLOW


def can_declare_exit(user, organisation, *, now=None):
    return first_refusal(
        lambda: _representative_only(
            user,
            organisation,
            _("Nur vertretungsberechtigte Personen dürfen den Austritt erklären."),
        ),
        lambda: (
            ALLOW
            if organisation.is_active
            else Decision.refuse(_("Diese Organisation ist kein aktiver Partner."))
        ),
        lambda: (
            Decision.refuse(_("Eine koordinierende Organisation kann nicht austreten."))
            if organisation.is_coordinating
            else ALLOW
        ),
        lambda: (
            Decision.refuse(_("Der Austritt ist bereits erklärt."))
            if organisation.exit_declared_at
            else ALLOW
        ),
    )


def check_exit_date(exit_on, *, now=None):
    """A refusal unless the exit date lies between today and the end of next year."""
    earliest, latest = exit_date_bounds(now)
    if exit_on < earliest:
        return Decision.refuse(_("Der Austritt kann nicht in der Vergangenheit liegen."))
    if exit_on > latest:
        return Decision.refuse(
            _("Der Austritt kann höchstens bis zum %(date)s im Voraus erklärt werden.")
            % {"date": date_format(latest, "SHORT_DATE_FORMAT")}
        )
    return ALLOW


def can_withdraw_exit(user, organisation, *, now=None):
    return first_refusal(
        lambda: _representative_only(
            user,
            organisation,
            _("Nur vertretungsberechtigte Personen dürfen den Austritt zurücknehmen."),
        ),
        lambda: (
            ALLOW
            if has_declared_exit(organisation)
            else Decision.refuse(_("Es ist kein Austritt erklärt."))
        ),
        lambda: (
            Decision.refuse(
                _("Der Austritt ist wirksam geworden und kann nicht mehr zurückgenommen werden.")
            )
            if exit_is_due(organisation, now=now)
            else ALLOW
        ),
    )


def can_carry_out_exit(user, organisation, *, now=None):
    """The worker (user None) or a coordinator carries out an exit whose date has come."""
    if user is not None:
        decision = coordinators_only(user)
        if not decision:
            return decision
    if not has_declared_exit(organisation):
        return Decision.refuse(_("Es ist kein Austritt erklärt."))
    if not exit_is_due(organisation, now=now):
        return Decision.refuse(
            _("Der Austritt wird erst am %(date)s wirksam.")
            % {"date": date_format(organisation.exit_on, "SHORT_DATE_FORMAT")}
        )
    return ALLOW


def can_set_coordinating(user, organisation, value, *, now=None):
    """Coordinators name the coordinating organisations: active ones, at most two."""
    decision = coordinators_only(user)
    if not decision:
        return decision
    if not value:
        return ALLOW
    if not organisation.is_active:
        return Decision.refuse(
            _("Nur ein aktiver Partner kann koordinierende Organisation sein."),
        )
    if organisation.exit_on is not None:
        return Decision.refuse(
            _("Diese Organisation hat ihren Austritt erklärt und kann nicht koordinieren."),
        )
    return coordinating_allowed(organisation)


def coordinating_allowed(organisation):
    """Whether one more organisation may be coordinating: at most two are (the model checks,
    so this module does not import the models)."""
    others = type(organisation).objects.coordinating().exclude(pk=organisation.pk)
    if others.count() >= MAX_COORDINATING:
        return Decision.refuse(
            _(
                "Die Kooperationsvereinbarung nennt genau zwei koordinierende "
                "Organisationen; es sind schon zwei."
            )
        )
    return ALLOW


# Declarations and agreement versions: final once signed


def can_change_declaration(user, declaration, *, now=None):
    return Decision.refuse(
        _("Eine Erklärung ist endgültig; sie lässt sich nur durch eine Berichtigung ändern.")
    )


def can_change_agreement_version(user, version, *, now=None):
    decision = coordinators_only(user)
    if not decision:
        return decision
    if version.pk is not None and version.is_final():
        return Decision.refuse(
            _("Diese Fassung ist unterzeichnet; ihr Text ändert sich nicht mehr.")
        )
    return ALLOW
