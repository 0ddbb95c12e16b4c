"""Contributions of the partners app to shared pages (see core.registry)."""

from django.utils import timezone

from core.fragments import LaterValues, later
from core.roles import get_roles
from partners.models import AgreementVersion, Organisation, Sponsor

PANEL_LIMIT = 10
# Up to this many partners without the current agreement, the panel's list is read by
# their ids; more of them, and the plain list is faster (see _unsigned).
FEW_UNSIGNED = 100


def coordination_panels(request):
    # Each panel's data is read only when its fragment is rendered afresh
    # (netzwerk/includes/_coordination_panels.html, core/fragments.py).
    panels = [
        LaterValues(
            _recruitment,
            template="partners/includes/_panel_recruitment.html",
            order=30,
            depends="partners",
        )
    ]
    if not get_roles(request.user).is_coordinator:
        return panels
    panels += [
        LaterValues(
            _applications,
            template="partners/includes/_panel_applications.html",
            order=10,
            depends="partners",
        ),
        LaterValues(
            _agreement,
            template="partners/includes/_panel_agreement.html",
            order=20,
            depends="partners",
        ),
        {"template": "partners/includes/_panel_exports.html", "order": 40},
        LaterValues(
            _seal_panel, template="partners/includes/_panel_seal.html", order=45, depends="partners"
        ),
    ]
    return panels


def _recruitment():
    year = timezone.localdate().year
    return {
        "year": year,
        "organisations": list(Organisation.objects.joined_in(year)[:PANEL_LIMIT]),
        "count": Organisation.objects.joined_in(year).count(),
    }


def _applications():
    applicants = Organisation.objects.applicants()
    return {
        "applications": list(applicants.prefetch_related("declarations")[:PANEL_LIMIT]),
        "count": applicants.count(),
    }


def _agreement():
    current = AgreementVersion.objects.current()
    unsigned, unsigned_count = _unsigned(current) if current else ([], 0)
    return {
        "agreement": current,
        "organisations": unsigned,
        "count": unsigned_count,
        "exits": list(Organisation.objects.exit_declared()[:PANEL_LIMIT]),
    }


def _unsigned(version):
    """The first PANEL_LIMIT active partners (by name) that have not signed `version`,
    and how many there are.

    Usually (long after a version's publication) none or a few are left: one
    anti-join over index-only scans (organisation_status_id, declaration_version_org)
    reads their ids, and the list comes by primary key; the plain list ordered by name
    would have to pass all partners before it finds it has none. Right after a new
    version nearly all are unsigned: then the plain list finds its first ten at
    once, and the count is separate.
    """
    unsigned = Organisation.objects.active().without_declaration_of(version)
    ids = list(unsigned.order_by().values_list("pk", flat=True)[: FEW_UNSIGNED + 1])
    if len(ids) <= FEW_UNSIGNED:
        first = Organisation.objects.filter(pk__in=ids)[:PANEL_LIMIT] if ids else []
        return list(first), len(ids)
    return list(unsigned[:PANEL_LIMIT]), unsigned.count()


def _seal_panel():
    from partners.services import last_seal_check, seal_check_warning

    check = last_seal_check()
    failures = check.failures if check else []
    return {
        "check": check,
        "warning": seal_check_warning(check),
        "failures": failures[:PANEL_LIMIT],
        "more": max(len(failures) - PANEL_LIMIT, 0),
    }


def account_sections(request):
    from partners.standing import standings_of

    standings = standings_of(request.user)
    if not standings:
        return []
    return [
        {
            "template": "partners/includes/_account_standing.html",
            "order": 10,
            "standings": standings,
        }
    ]


def home_sections(request):
    return [
        {
            "template": "partners/includes/_home_partners.html",
            "order": 20,
            # Read only when the section's fragment is rendered afresh (core/fragments.py).
            "count": later(lambda: Organisation.objects.active().count()),
            "sponsors": later(lambda: list(Sponsor.objects.shown())),
            "depends": "partners",
        }
    ]


def personal_data(user):
    return {
        "ansprechpersonen": [
            {
                "organisation": c.organisation.name,
                "name": c.name,
                "email": c.email,
                "telefon": c.phone,
                "funktion": c.function,
                "vertretungsberechtigt": c.is_representative,
                "einwilligung_veroeffentlichung": c.public_consent_at,
            }
            for c in user.contacts.select_related("organisation")
        ],
        "erklaerungen": [
            {
                "organisation": d.organisation.name,
                "fassung": d.agreement_version.number,
                "name": d.signer_name,
                "funktion": d.signer_function,
                "ort": d.place,
                "unterzeichnet_am": d.signed_at,
                "sha256": d.sha256,
                "siegel": f"{d.seal_key_id}:{d.seal}",
            }
            for d in user.declarations.select_related("organisation", "agreement_version")
        ],
    }


def before_account_deleted(event):
    user = event.user
    # Contacts go with the account; declarations stay untouched (sealed, the
    # organisation's): typed name, function and the account's id and e-mail at signing.
    user.contacts.all().delete()
