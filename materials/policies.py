"""Who may do what with the Gütesiegel's terms, its acceptances and the materials.

Terms of use (SealTerms) are written by the coordinators; a version is published
once its `valid_from` has come (the seal page shows it) and it is final from then on,
or from the first acceptance if one comes earlier: what an organisation agreed to
never changes silently — only a Berichtigung (with reason, shown beside the text)
changes it, and it is never deleted. A new wording is a new version.

| record            | state                                | allowed verbs (who)                      | next       |
|-------------------|--------------------------------------|------------------------------------------|------------|
| SealTerms         | drafted (valid_from in the future,   | edit, delete (coordinators)              | drafted    |
|                   | nobody accepted yet)                 |                                          |            |
| SealTerms         | published (valid_from reached) or    | correct (coordinators, a Berichtigung)   | final      |
|                   | accepted by any organisation         |                                          |            |
| SealAcceptance    | (none)                               | accept the current terms (representative | made       |
|                   |                                      | of an active partner, once per version)  |            |
| SealAcceptance    | made                                 | correct (coordinators, a Berichtigung)   | final      |

The seal files may be downloaded by the contacts of active partners whose
organisation accepted terms, and by coordinators (`can_download_seal`); documents
by their audience (`Document.visible_to`).
"""

from django.utils.translation import gettext_lazy as _

from core.policies import ALLOW, Decision, can_correct_record, coordinators_only
from core.roles import get_roles, represents


def can_accept_terms(user, organisation, terms, *, already_accepted=None, now=None):
    """A representative of an active partner accepts a terms version once for it."""
    if terms is None:
        return Decision.refuse(_("Es gibt noch keine Nutzungsbedingungen."))
    if not organisation.is_active:
        return Decision.forbid(_("Nur aktive Partner können das Gütesiegel nutzen."))
    if not represents(user, organisation):
        return Decision.forbid(
            _("Nur vertretungsberechtigte Personen können die Nutzungsbedingungen annehmen.")
        )
    if already_accepted is None:
        already_accepted = terms.acceptances.filter(organisation=organisation).exists()
    if already_accepted:
        return Decision.refuse(
            _("Ihre Organisation hat diese Nutzungsbedingungen bereits angenommen.")
        )
    return ALLOW


def can_download_seal(user, *, seal_overview=None, seal_organisation=None, now=None):
    """Contacts of an active partner that accepted the terms, and coordinators.

    Pages that already hold the user's `seal_overview` (views.seal_overview) pass it,
    so the answer costs no further query; the download view lets it be looked up.
    """
    roles = get_roles(user)
    if roles.is_coordinator:
        return ALLOW
    if not roles.authenticated:
        return Decision.forbid(_("Bitte melden Sie sich an."))
    if seal_organisation is not None:
        eligible = True
    elif seal_overview is not None:
        eligible = any(row["since"] for row in seal_overview)
    else:
        from materials.services import seal_organisation_for

        eligible = seal_organisation_for(user) is not None
    if not eligible:
        return Decision.forbid(
            _(
                "Das Gütesiegel steht nur Partnern zur Verfügung, die die "
                "Nutzungsbedingungen angenommen haben."
            )
        )
    return ALLOW


def can_change_terms(user, terms, *, now=None):
    """Coordinators edit terms until they are published or accepted; then they are final."""
    decision = coordinators_only(user)
    if not decision:
        return decision
    if terms.is_final():
        return Decision.refuse(
            _(
                "Diese Nutzungsbedingungen sind veröffentlicht oder angenommen; ändern lassen "
                "sie sich nur durch eine Berichtigung. Eine neue Fassung ist eine neue Version."
            )
        )
    return ALLOW


def can_delete_terms(user, terms, *, now=None):
    return can_change_terms(user, terms, now=now)


def can_correct_terms(user, terms, *, now=None):
    return can_correct_record(user, terms)


def can_change_acceptance(user, acceptance, *, now=None):
    """An acceptance is a record of what was agreed: it is never changed or deleted."""
    decision = coordinators_only(user)
    if not decision:
        return decision
    return Decision.refuse(
        _("Eine Annahme der Nutzungsbedingungen wird nicht geändert, nur berichtigt.")
    )


def can_correct_acceptance(user, acceptance, *, now=None):
    return can_correct_record(user, acceptance)
