import datetime

from django.utils import timezone

from core.fragments import LaterValues, later
from core.roles import get_roles
from materials.models import Download, SealAcceptance, SealTerms
from materials.views import seal_overview
from partners.models import Organisation


def profile_sections(request, organisation):
    # Public, so that anyone can check a seal they see on a flyer.
    return [
        {
            "template": "materials/includes/_profile_section.html",
            "order": 60,
            "organisation": organisation,
            # Read only when the section's fragment is rendered afresh (core/fragments.py).
            "since": later(lambda: SealAcceptance.objects.seal_since(organisation)),
            "depends": "materials partners",
        }
    ]


def coordination_panels(request):
    # Read only when the panel's fragment is rendered afresh (core/fragments.py).
    return [
        LaterValues(
            _seal_figures,
            template="materials/includes/_coordination_panel.html",
            order=70,
            depends="materials partners",
            may_manage=get_roles(request.user).is_coordinator,
        )
    ]


def _seal_figures():
    terms = SealTerms.objects.current()
    active = Organisation.objects.active()
    since = timezone.now() - datetime.timedelta(days=30)
    return {
        "active": active.count(),
        "holders": active.filter(seal_acceptances__isnull=False).distinct().count(),
        "current": active.filter(seal_acceptances__terms=terms).count() if terms else 0,
        "terms": terms,
        "downloads": Download.objects.filter(downloaded_at__gte=since).count(),
    }


def my_network_sections(request):
    if not get_roles(request.user).is_partner_contact:
        return []
    return [
        {
            "template": "materials/includes/_my_network_section.html",
            "order": 60,
            "seal_overview": seal_overview(request.user),
        }
    ]


# A partner's exit changes nothing here: the right to the seal follows the organisation's
# status. SealAcceptance.objects.in_force() only counts active organisations, so the
# right ends the moment the exit is confirmed; the acceptances stay as records.


def personal_data(user):
    return {
        "guetesiegel_annahmen": [
            {
                "organisation": a.organisation.name,
                "version": a.terms.number,
                "am": a.accepted_at.isoformat(),
            }
            for a in SealAcceptance.objects.filter(accepted_by=user).select_related(
                "organisation", "terms"
            )
        ],
        "downloads": [
            {"datei": str(d.seal_file or d.document), "am": d.downloaded_at.isoformat()}
            for d in Download.objects.filter(user=user).select_related("seal_file", "document")
        ],
    }
