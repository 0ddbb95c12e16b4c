from functools import cache

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from core.fragments import query_variant
from core.network import get_network
from core.roles import get_roles

# The public sections of the URL map, in the order of the main navigation. A
# section appears once its app provides the URL name.
PUBLIC_SECTIONS = [
    ("netzwerk", _("Das Netzwerk")),
    ("partners:list", _("Partner")),
    ("meetings:list", _("Treffen")),
    ("meetings:programme", _("Arbeitsprogramm")),
    ("workgroups:list", _("Arbeitsgruppen")),
    ("elections:speaker_group", _("Sprechergruppe")),
    ("elections:list", _("Wahlen")),
    ("posts:list", _("Aktuelles")),
    ("partners:join", _("Mitmachen")),
]
# Sections for partner contacts (and coordinators), shown in the service navigation.
PARTNER_SECTIONS = [
    ("partners:my_network", _("Mein Netzwerk")),
    ("materials:list", _("Materialien")),
]


@cache
def _resolve(sections):
    items = []
    for name, label in sections:
        try:
            items.append((reverse(name), label))
        except NoReverseMatch:
            continue
    return tuple(items)


def _header_variant(request, user, partner_navigation, roles):
    """The header's variant: the address, and for people logged in the links their
    roles give; None (rendered every time) for an unbounded address."""
    if user is None or query_variant(request) is None:
        return None
    if not user.is_authenticated:
        return f"visitor:{request.get_full_path()}"
    coordination = roles.may_read_coordination or roles.needs_second_factor
    return f"person:{int(bool(partner_navigation))}{int(coordination)}:{request.get_full_path()}"


def site(request):
    user = getattr(request, "user", None)
    roles = get_roles(user)
    partner_navigation = (
        _resolve(tuple(PARTNER_SECTIONS))
        if roles.is_partner_contact or roles.is_coordinator
        else ()
    )
    return {
        "roles": roles,
        # The header is the same for everyone with the same links on the same address:
        # kept in each process ({% fragment … local %} in base.html). None (rendered
        # every time) for unbounded addresses.
        "header_variant": _header_variant(request, user, partner_navigation, roles),
        "network": get_network(),
        "main_navigation": _resolve(tuple(PUBLIC_SECTIONS)),
        "partner_navigation": partner_navigation,
    }
