"""Founding, describing and closing working groups, and handing on their lead."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from workgroups import policies
from workgroups.bounds import check_founded_on
from workgroups.models import Membership, WorkingGroup
from workgroups.services.membership import _membership_for_update, add_member


def _unique_slug(name):
    base = slugify(name)[:180] or "arbeitsgruppe"
    slug, number = base, 2
    while WorkingGroup.objects.filter(slug=slug).exists():
        slug, number = f"{base}-{number}", number + 1
    return slug


@transaction.atomic
def found_group(
    *,
    name,
    topic,
    lead_organisation,
    founding_resolution,
    by,
    lead_contact=None,
    description="",
    access=WorkingGroup.Access.OPEN,
    founded_on=None,
    founding_note="",
):
    """Found an active group; the lead organisation becomes its first member.

    A group is founded only on an adopted resolution of a held network meeting
    (workgroups.policies.resolution_may_found_group): `founding_resolution` is required,
    None is refused with a form error on that field.
    """
    policies.can_found_group(by).enforce()
    decision = policies.resolution_may_found_group(founding_resolution, required=True)
    if not decision:
        raise ValidationError({"founding_resolution": ValidationError(decision.reason)})
    if not lead_organisation.is_active:
        raise ValidationError(_("Die leitende Organisation muss aktiver Partner sein."))
    if lead_contact is not None and lead_contact.organisation_id != lead_organisation.pk:
        raise ValidationError(
            _("Die Ansprechperson muss zur leitenden Organisation gehören."), code="lead_contact"
        )
    if WorkingGroup.objects.active().named(name).exists():
        raise ValidationError(
            {
                "name": ValidationError(
                    _("Es gibt bereits eine aktive Arbeitsgruppe „%(name)s“."),
                    code="name_taken",
                    params={"name": name.strip()},
                )
            }
        )
    try:
        check_founded_on(founded_on, resolution=founding_resolution)
    except ValidationError as error:
        raise ValidationError({"founded_on": error}) from error
    group = WorkingGroup.objects.create(
        name=name,
        slug=_unique_slug(name),
        topic=topic,
        description=description,
        access=access,
        founded_on=founded_on or timezone.localdate(),
        founding_resolution=founding_resolution,
        founding_note=founding_note,
        lead_organisation=lead_organisation,
        lead_contact=lead_contact,
    )
    membership = Membership.objects.create(
        group=group,
        organisation=lead_organisation,
        status=Membership.Status.ACTIVE,
        joined_on=group.founded_on,
        decided_by=by,
    )
    if lead_contact is not None:
        membership.contacts.add(lead_contact)
    return group


@transaction.atomic
def update_group(*, group, by, description, topic=None, access=None):
    """Change what a group is about and how partners join: its lead or a coordinator."""
    group = WorkingGroup.objects.select_for_update().get(pk=group.pk)
    policies.can_edit_group(by, group).enforce()
    group.description = description
    if topic is not None:
        group.topic = topic
    if access is not None:
        group.access = access
    group.save(update_fields=["description", "topic", "access"])
    return group


@transaction.atomic
def close_group(*, group, by):
    """Close an active group; members keep their history, nobody can join any more."""
    group = WorkingGroup.objects.select_for_update().get(pk=group.pk)
    policies.can_close_group(by, group).enforce()
    group.status = WorkingGroup.Status.CLOSED
    group.closed_on = timezone.localdate()
    group.save(update_fields=["status", "closed_on"])
    # Open requests can no longer be decided.
    for membership in group.memberships.select_for_update().pending():
        membership.status = Membership.Status.DECLINED
        membership.decided_by = by
        membership.save(update_fields=["status", "decided_by"])
    return group


@transaction.atomic
def set_lead(*, group, organisation, by, contact=None):
    """Hand the lead to a member organisation (and one of its contacts): coordinators."""
    group = WorkingGroup.objects.select_for_update().get(pk=group.pk)
    policies.can_set_lead(by, group).enforce()
    if not organisation.is_active:
        raise ValidationError(
            {"lead_organisation": _("Die leitende Organisation muss aktiver Partner sein.")}
        )
    if contact is not None and contact.organisation_id != organisation.pk:
        raise ValidationError(
            {"lead_contact": _("Die Ansprechperson muss zur leitenden Organisation gehören.")}
        )
    membership = _membership_for_update(group, organisation)
    if membership is None or membership.status != Membership.Status.ACTIVE:
        add_member(group=group, organisation=organisation, by=by)
    group.lead_organisation = organisation
    group.lead_contact = contact
    group.save(update_fields=["lead_organisation", "lead_contact"])
    return group
