"""Rows for the working groups.

The world's group is led by the representative's contact in the partner
organisation, which is its only member; the speaker's coordinating organisation is
not a member, so the speaker sees what any non-member partner sees.
"""

import datetime

from core.services import record_correction
from partners.models import Contact
from tests.matrix import COORDINATORS, PARTNERS, PUBLIC, Row, expect
from tests.workgroups.factories import GroupDocumentFactory, MembershipFactory, member_group
from workgroups import policies
from workgroups.models import Membership

# The lead (representative) and coordinators manage the group.
MANAGERS = expect(302, 403, 403, 200, 403, 200)
# Members (both partner-org roles) and coordinators read and add internal documents.
MEMBERS = expect(302, 403, 200, 200, 403, 200)
# Internal documents of a group look missing to everyone outside it.
MEMBERS_ELSE_404 = expect(404, 404, 200, 200, 404, 200)
# POST actions redirect back to the group for everybody allowed in.
POST_REDIRECT = expect(302, 403, 302, 302, 302, 302)


# Groups are founded on the site (the resolution is checked) and never deleted.
# Corrections (netzwerk.Correction) are written by record_correction only, never added or
# deleted in the admin; listed here (a shared model) so the matrix holds on this branch.
ADMIN_REFUSED = {
    "admin:workgroups_workinggroup_add",
    "admin:workgroups_workinggroup_delete",
    "admin:netzwerk_correction_add",
    "admin:netzwerk_correction_delete",
}


def _slug(world):
    return {"slug": world.workgroup.slug}


ROWS = [
    Row("workgroups:list", PUBLIC),
    Row("workgroups:detail", PUBLIC, kwargs=_slug),
    Row("workgroups:found", COORDINATORS),
    Row("workgroups:edit", MANAGERS, kwargs=_slug),
    Row("workgroups:close", COORDINATORS, kwargs=_slug),
    Row("workgroups:correct", COORDINATORS, kwargs=_slug, note="the founding of an active group"),
    Row("workgroups:members", MANAGERS, kwargs=_slug),
    Row("workgroups:message", MANAGERS, kwargs=_slug),
    Row("workgroups:meeting_create", MANAGERS, kwargs=_slug),
    Row("workgroups:document_upload", MEMBERS, kwargs=_slug),
    Row(
        "workgroups:document",
        MEMBERS_ELSE_404,
        kwargs=lambda w: {"slug": w.workgroup.slug, "pk": w.workgroup_internal_document.pk},
        note="internal document",
    ),
    Row(
        "workgroups:document",
        PUBLIC,
        kwargs=lambda w: {"slug": w.workgroup.slug, "pk": w.workgroup_public_document.pk},
        note="public document",
    ),
    Row(
        "workgroups:document",
        expect(404, 404, 404, 404, 404, 404),
        kwargs=lambda w: {"slug": w.workgroup.slug, "pk": w.other_group_document.pk},
        note="a document of another group, guessed under this group's slug",
    ),
    Row(
        "workgroups:document_delete",
        MANAGERS,
        kwargs=lambda w: {"slug": w.workgroup.slug, "pk": w.workgroup_internal_document.pk},
        note="the lead and coordinators (and its uploader) delete a document",
    ),
    Row(
        "workgroups:document_delete",
        expect(302, 403, 403, 302, 403, 302),
        kwargs=lambda w: {"slug": w.workgroup.slug, "pk": w.workgroup_internal_document.pk},
        method="post",
    ),
    Row("workgroups:join", POST_REDIRECT, kwargs=_slug, method="post"),
    Row("workgroups:join", expect(302, 403, 405, 405, 405, 405), kwargs=_slug, note="GET"),
    Row("workgroups:leave", PARTNERS, kwargs=_slug),
    Row("workgroups:leave", POST_REDIRECT, kwargs=_slug, method="post"),
    Row(
        "workgroups:add_member",
        expect(302, 403, 403, 302, 403, 302),
        kwargs=_slug,
        method="post",
        data=lambda w: {"organisation": w.coordinating_org.pk},
    ),
    Row(
        "workgroups:approve",
        expect(302, 403, 403, 302, 403, 302),
        kwargs=lambda w: {"slug": w.workgroup.slug, "pk": w.workgroup_request.pk},
        method="post",
    ),
    Row(
        "workgroups:decline",
        MANAGERS,
        kwargs=lambda w: {"slug": w.workgroup.slug, "pk": w.workgroup_request.pk},
        note="GET: the confirmation with the reason",
    ),
    Row(
        "workgroups:decline",
        expect(302, 403, 403, 302, 403, 302),
        kwargs=lambda w: {"slug": w.workgroup.slug, "pk": w.workgroup_request.pk},
        method="post",
    ),
]


def build(world):
    lead_contact = Contact.objects.get(user=world.users["representative"])
    world.workgroup = member_group(
        lead=world.partner_org, name="Digitale Beteiligung", lead_contact=lead_contact
    )
    world.workgroup_internal_document = GroupDocumentFactory(group=world.workgroup)
    world.workgroup_public_document = GroupDocumentFactory(group=world.workgroup, is_public=True)
    other = member_group(lead=world.coordinating_org, name="Anerkennungskultur")
    world.other_group_document = GroupDocumentFactory(group=other)
    # A Berichtigung of the group's founding date (its founding fields are locked).
    record_correction(
        record=world.workgroup,
        changes={"founded_on": world.workgroup.founded_on - datetime.timedelta(days=1)},
        reason="Das Datum des Gründungsbeschlusses war falsch übertragen.",
        by=world.users["coordinator"],
        policy=policies.can_correct_group,
    )
    world.workgroup_request = MembershipFactory(
        group=world.workgroup, status=Membership.Status.REQUESTED, joined_on=None
    )
