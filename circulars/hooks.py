"""Contributions of circulars to shared pages (see core.registry)."""

from circulars.models import Circular, Delivery
from core.fragments import LaterValues
from core.roles import get_roles


def coordination_panels(request):
    if not get_roles(request.user).is_coordinator:
        return []
    # Read only when the panel's fragment is rendered afresh (core/fragments.py).
    return [
        LaterValues(
            lambda: {
                "running": list(
                    Circular.objects.filter(
                        state__in=[Circular.State.QUEUED, Circular.State.SENDING]
                    )[:5]
                ),
                "drafts": Circular.objects.filter(state=Circular.State.DRAFT).count(),
            },
            template="circulars/includes/_coordination_panel.html",
            order=15,
            depends="circulars",
        )
    ]


def group_manage_links(request, group):
    """The lead's (and coordinators') way to the group's circulars, on the group's page."""
    from django.urls import reverse
    from django.utils.translation import gettext as _

    from circulars import policies

    if not group.is_active or not policies.can_view_group_circulars(request.user, group):
        return []
    return [
        {
            "url": reverse("circulars:group_list", args=[group.slug]),
            "label": _("Rundschreiben an die Mitglieder"),
            "order": 50,
        }
    ]


def my_network_sections(request):
    if not request.user.is_authenticated:
        return []
    received = list(Circular.objects.received_by(request.user)[:5])
    return [
        {
            "template": "circulars/includes/_my_network_section.html",
            "order": 55,
            "received": received,
        }
    ]


def news_sections(request):
    """Public circulars beside the posts on /aktuelles/."""
    circulars = list(Circular.objects.public()[:5])
    if not circulars:
        return []
    return [
        {"template": "circulars/includes/_news_section.html", "order": 20, "circulars": circulars}
    ]


def feed_entries():
    """Public circulars in the Atom feed of /aktuelles/."""
    from django.conf import settings
    from django.template.loader import render_to_string
    from django.utils.translation import gettext

    from posts.feeds import FeedEntry

    return [
        FeedEntry(
            title=circular.subject,
            description=render_to_string(
                "circulars/includes/_feed_item.html", {"circular": circular}
            ),
            link=circular.get_read_url(),
            guid=f"{settings.SITE_URL.rstrip('/')}/rundschreiben/{circular.pk}/",
            author=gettext("Koordination des Netzwerks"),
            pubdate=circular.finished_at or circular.queued_at,
            updateddate=circular.updated_at,
            categories=[gettext("Rundschreiben")],
        )
        for circular in Circular.objects.public()[:30]
    ]


def failed_mails(since):
    """Circular mails that failed for good: listed with the other failed mails."""
    return [
        {
            "to": delivery.email,
            "subject": delivery.circular.subject,
            "attempt": delivery.attempts,
            "finished_at": delivery.attempted_at,
            "error": delivery.error,
        }
        for delivery in Delivery.objects.filter(
            status=Delivery.Status.FAILED, attempted_at__gte=since
        )
        .select_related("circular")
        .order_by("-pk")[:10]
    ]


def personal_data(user):
    from circulars.models import MailPreference
    from circulars.services import addresses_of

    return {
        "rundschreiben": {
            "einstellungen": [
                {"email": p.email, "newsletter": p.newsletter, "sprache": p.language}
                for p in MailPreference.objects.filter(email__in=addresses_of(user))
            ],
            "erhalten": [
                {
                    "betreff": d.circular.subject,
                    "an": d.email,
                    "status": d.status,
                    "gesendet_am": d.sent_at.isoformat() if d.sent_at else None,
                }
                for d in Delivery.objects.filter(user=user).select_related("circular")
            ],
        }
    }
