"""Contributions of the working groups to shared pages (see core.registry)."""

from core.fragments import LaterValues, cached_value
from core.roles import get_roles
from workgroups import policies, services
from workgroups.models import Membership, WorkingGroup


def organisation_left(event):
    """A partner that leaves the network leaves its working groups."""
    organisation = event.organisation
    services.leave_all_groups(organisation=organisation)


def profile_sections(request, organisation):
    # Public data, kept until groups or partners change (core/fragments.py): whether
    # there is a section at all depends on it, so it is read on every profile.
    groups = cached_value(
        "workgroups:of-organisation",
        ("workgroups", "partners"),
        lambda: list(WorkingGroup.objects.active().of_organisation(organisation).order_by("name")),
        vary=(organisation.pk,),
    )
    if not groups:
        return []
    return [
        {
            "template": "workgroups/includes/_profile_groups.html",
            "order": 40,
            "groups": groups,
            "organisation": organisation,
            "depends": "workgroups partners",
        }
    ]


def coordination_panels(request):
    roles = get_roles(request.user)
    if not roles.may_read_coordination:
        return []
    # Read only when the panel's fragment is rendered afresh (core/fragments.py).
    return [
        LaterValues(
            lambda: {
                "quiet_groups": list(WorkingGroup.objects.active().without_recent_meeting()),
                "pending": list(
                    Membership.objects.pending().select_related("group", "organisation")
                ),
            },
            template="workgroups/includes/_coordination_panel.html",
            order=40,
            depends="workgroups meetings partners",
            # A question of the role alone (no resolution given): kept per role.
            may_found=policies.can_found_group(request.user),
        )
    ]


def my_network_sections(request):
    roles = get_roles(request.user)
    organisations = roles.organisations
    if not organisations:
        return []
    memberships = list(
        Membership.objects.filter(
            organisation__in=organisations,
            status__in=[Membership.Status.ACTIVE, Membership.Status.REQUESTED],
            group__status=WorkingGroup.Status.ACTIVE,
        )
        .select_related("group", "organisation")
        .order_by("group__name")
    )
    return [
        {
            "template": "workgroups/includes/_my_network.html",
            "order": 40,
            "memberships": [m for m in memberships if m.status == Membership.Status.ACTIVE],
            "requests": [m for m in memberships if m.status == Membership.Status.REQUESTED],
            "decidable": list(
                Membership.objects.decidable_by(request.user).select_related(
                    "group", "organisation"
                )
            ),
        }
    ]


def personal_data(user):
    return {
        "arbeitsgruppen": [
            {
                "gruppe": m.group.name,
                "organisation": m.organisation.name,
                "status": m.get_status_display(),
            }
            for m in Membership.objects.filter(contacts__user=user).select_related(
                "group", "organisation"
            )
        ]
    }
