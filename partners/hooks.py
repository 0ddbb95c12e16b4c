"""Contributions of the partners app to shared pages (see core.registry)."""

from django.utils import timezone

from core.roles import get_roles
from partners.models import AgreementVersion, Organisation, Sponsor

PANEL_LIMIT = 10


def coordination_panels(request):
    roles = get_roles(request.user)
    year = timezone.localdate().year
    recruits = list(Organisation.objects.joined_in(year)[:PANEL_LIMIT])
    panels = [
        {
            "template": "partners/includes/_panel_recruitment.html",
            "order": 30,
            "year": year,
            "organisations": recruits,
            "count": Organisation.objects.joined_in(year).count(),
        }
    ]
    if not roles.is_coordinator:
        return panels
    current = AgreementVersion.objects.current()
    resign = (
        Organisation.objects.active().without_declaration_of(current)
        if current
        else Organisation.objects.none()
    )
    applicants = Organisation.objects.applicants()
    panels += [
        {
            "template": "partners/includes/_panel_applications.html",
            "order": 10,
            "applications": list(applicants.prefetch_related("declarations")[:PANEL_LIMIT]),
            "count": applicants.count(),
        },
        {
            "template": "partners/includes/_panel_agreement.html",
            "order": 20,
            "agreement": current,
            "organisations": list(resign[:PANEL_LIMIT]),
            "count": resign.count(),
            "exits": list(Organisation.objects.exit_declared()[:PANEL_LIMIT]),
        },
        {"template": "partners/includes/_panel_exports.html", "order": 40},
        _seal_panel(),
    ]
    return panels


def _seal_panel():
    from partners.services import last_seal_check, seal_check_warning

    check = last_seal_check()
    failures = check.failures if check else []
    return {
        "template": "partners/includes/_panel_seal.html",
        "order": 45,
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
            "count": Organisation.objects.active().count(),
            "sponsors": list(Sponsor.objects.shown()),
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
