"""Joining and leaving working groups, and deciding requests to join."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core import events, registry
from core.mail import send_templated_mail
from core.roles import coordinator_emails, get_roles
from workgroups import policies
from workgroups.bounds import REASON_MAX_LENGTH
from workgroups.models import Membership, WorkingGroup


def _membership_for_update(group, organisation):
    return (
        Membership.objects.select_for_update()
        .filter(group=group, organisation=organisation)
        .first()
    )


def _contact_of(by, organisation):
    for contact in get_roles(by).contacts:
        if contact.organisation_id == organisation.pk:
            return contact
    return None


@transaction.atomic
def join_group(*, group, organisation, by):
    """Join an open group at once, or ask to join a group by request (mail to the lead).

    Returns the membership; its status says which of the two happened.
    """
    group = WorkingGroup.objects.select_for_update().get(pk=group.pk)
    membership = _membership_for_update(group, organisation)
    policies.can_join_group(by, group, organisation, membership=membership).enforce()
    contact = _contact_of(by, organisation)
    if membership is not None and membership.status == Membership.Status.ACTIVE:
        # Another person of a member organisation takes part too.
        membership.contacts.add(contact)
        return membership
    new_status = Membership.Status.ACTIVE if group.is_open else Membership.Status.REQUESTED
    if membership is None:
        try:
            with transaction.atomic():
                membership = Membership.objects.create(
                    group=group, organisation=organisation, status=Membership.Status.REQUESTED
                )
        except IntegrityError as error:
            raise ValidationError(
                _("Ihre Organisation ist bereits eingetragen."), code="duplicate"
            ) from error
    membership.status = new_status
    membership.requested_at = timezone.now()
    membership.left_on = None
    membership.joined_on = timezone.localdate() if new_status == Membership.Status.ACTIVE else None
    membership.decided_by = None
    membership.save()
    membership.contacts.add(contact)
    if new_status == Membership.Status.ACTIVE:
        registry.notify(events.MembershipStarted(membership))
    if new_status == Membership.Status.REQUESTED:
        recipients = set(coordinator_emails())
        if group.lead_contact is not None:
            recipients.add(group.lead_contact.email)
        send_templated_mail(
            template="workgroups/email/membership_requested",
            context={"group": group, "organisation": organisation, "contact": contact},
            to=recipients,
        )
    return membership


@transaction.atomic
def add_member(*, group, organisation, by):
    """Take an active partner into the group directly: its lead or a coordinator may."""
    group = WorkingGroup.objects.select_for_update().get(pk=group.pk)
    policies.can_add_member(by, group, organisation).enforce()
    membership, _created = Membership.objects.get_or_create(group=group, organisation=organisation)
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if membership.status != Membership.Status.ACTIVE:
        membership.status = Membership.Status.ACTIVE
        membership.joined_on = timezone.localdate()
        membership.left_on = None
        membership.decided_by = by
        membership.save()
        registry.notify(events.MembershipStarted(membership))
    return membership


def _decide(membership, by, new_status):
    membership = (
        Membership.objects.select_for_update()
        .select_related("group", "organisation")
        .get(pk=membership.pk)
    )
    policies.can_decide_membership(by, membership).enforce()
    membership.status = new_status
    membership.decided_by = by
    if new_status == Membership.Status.ACTIVE:
        membership.joined_on = timezone.localdate()
    membership.save()
    return membership


def _membership_recipients(membership):
    addresses = [c.email for c in membership.contacts.all()]
    return addresses or [
        c.email for c in membership.organisation.contacts.filter(is_representative=True)
    ]


@transaction.atomic
def approve_membership(*, membership, by):
    """Accept a request to join: the organisation becomes a member and is told by e-mail."""
    membership = _decide(membership, by, Membership.Status.ACTIVE)
    # Other apps react, e.g. meetings invites the new member to the group's meetings.
    registry.notify(events.MembershipStarted(membership))
    send_templated_mail(
        template="workgroups/email/membership_approved",
        context={"group": membership.group, "organisation": membership.organisation},
        to=_membership_recipients(membership),
    )
    return membership


@transaction.atomic
def decline_membership(*, membership, by, reason=""):
    """Decline a request to join, telling the organisation by e-mail (with the reason)."""
    reason = (reason or "").strip()
    if len(reason) > REASON_MAX_LENGTH:
        raise ValidationError(
            {
                "reason": _("Die Begründung darf höchstens %(limit)d Zeichen lang sein.")
                % {"limit": REASON_MAX_LENGTH}
            }
        )
    membership = _decide(membership, by, Membership.Status.DECLINED)
    send_templated_mail(
        template="workgroups/email/membership_declined",
        context={
            "group": membership.group,
            "organisation": membership.organisation,
            "reason": reason,
        },
        to=_membership_recipients(membership),
    )
    return membership


def _end_membership(membership):
    membership.status = Membership.Status.LEFT
    membership.left_on = timezone.localdate()
    membership.save(update_fields=["status", "left_on"])


@transaction.atomic
def leave_group(*, group, organisation, by):
    """End the organisation's membership (or its open request); its contacts or managers may."""
    group = WorkingGroup.objects.select_for_update().get(pk=group.pk)
    membership = _membership_for_update(group, organisation)
    if membership is None:
        raise ValidationError(_("Ihre Organisation ist nicht Mitglied dieser Gruppe."))
    membership.group = group
    policies.can_leave_group(by, membership).enforce()
    _end_membership(membership)
    return membership


@transaction.atomic
def leave_all_groups(*, organisation):
    """End every membership and request of an organisation that has left the network.

    Closed groups keep their members as they were when they closed (a final record).
    """
    memberships = list(
        Membership.objects.select_for_update().filter(
            organisation=organisation,
            status__in=[Membership.Status.ACTIVE, Membership.Status.REQUESTED],
            group__status=WorkingGroup.Status.ACTIVE,
        )
    )
    for membership in memberships:
        _end_membership(membership)
    return memberships
