"""Changes to working groups: founding, closing, membership, documents, messages."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from core import events, registry
from core.mail import send_templated_mail
from core.roles import coordinator_emails, get_roles
from partners.models import Organisation
from workgroups import policies
from workgroups.bounds import REASON_MAX_LENGTH, check_founded_on, check_year
from workgroups.models import GroupDocument, Membership, WorkingGroup


def _unique_slug(name):
    base = slugify(name)[:180] or "arbeitsgruppe"
    slug, number = base, 2
    while WorkingGroup.objects.filter(slug=slug).exists():
        slug, number = f"{base}-{number}", number + 1
    return slug


def _membership_for_update(group, organisation):
    return (
        Membership.objects.select_for_update()
        .filter(group=group, organisation=organisation)
        .first()
    )


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


def member_emails(group):
    """Addresses of the people who take part for the group's active member organisations.

    An organisation without named participants is reached through its representatives.
    """
    addresses = set()
    memberships = (
        group.memberships.active()
        .filter(organisation__status=Organisation.Status.ACTIVE)
        .prefetch_related("contacts", "organisation__contacts")
    )
    for membership in memberships:
        contacts = list(membership.contacts.all()) or [
            c for c in membership.organisation.contacts.all() if c.is_representative
        ]
        addresses.update(c.email for c in contacts)
    return sorted(addresses)


@transaction.atomic
def send_group_message(*, group, subject, body, by):
    """Send the lead's message to every member by e-mail; returns the number of recipients."""
    policies.can_message_group(by, group).enforce()
    return send_templated_mail(
        template="workgroups/email/group_message",
        context={"group": group, "subject": subject, "body": body, "sender": by},
        to=member_emails(group),
    )


@transaction.atomic
def add_document(*, group, title, file, is_public, by):
    """Attach a checked document to the group: members of the group and coordinators may."""
    policies.can_upload_document(by, group).enforce()
    return GroupDocument.objects.create(
        group=group,
        title=title,
        file=file,
        filename=file.name.rsplit("/", 1)[-1],
        is_public=is_public,
        uploaded_by=by,
    )


@transaction.atomic
def schedule_group_meeting(
    *, group, by, title, start, end, place="", online_url="", description="", notify=True
):
    """Plan a working-group meeting and invite the group's member organisations only.

    `notify=False` records the invitations without mailing them (demo data).
    """
    group = WorkingGroup.objects.select_for_update().get(pk=group.pk)
    policies.can_plan_meeting(by, group).enforce()
    check_year(start)
    check_year(end)
    if end <= start:
        raise ValidationError(_("Das Ende muss nach dem Beginn liegen."), code="end")
    if start <= timezone.now():
        raise ValidationError(_("Planen kann man nur künftige Treffen."), code="past")
    meeting_model = WorkingGroup.meetings.field.model
    invitation_model = meeting_model.invitations.field.model
    now = timezone.now()
    meeting = meeting_model.objects.create(
        kind=meeting_model.Kind.WORKGROUP,
        workgroup=group,
        title=title,
        start=start,
        end=end,
        place=place,
        online_url=online_url,
        description=description,
        created_by=by,
        invitation_sent_at=now,
    )
    invitation_model.objects.bulk_create(
        invitation_model(meeting=meeting, organisation=organisation, invited_at=now)
        for organisation in group.invitee_organisations()
    )
    if notify:
        send_templated_mail(
            template="workgroups/email/meeting_invitation",
            context={"group": group, "meeting": meeting},
            to=member_emails(group),
        )
    return meeting


@transaction.atomic
def delete_document(*, document, by):
    """Remove a document of an active group: its uploader, the lead or a coordinator."""
    document = GroupDocument.objects.select_for_update().select_related("group").get(pk=document.pk)
    policies.can_delete_document(by, document).enforce()
    document.file.delete(save=False)
    document.delete()


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
