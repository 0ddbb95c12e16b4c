"""Every write to circulars goes through here, after asking circulars.policies."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from circulars import audience as audiences
from circulars import policies, tasks

# materialise (the worker's first step) lives in circulars.deliveries so that
# circulars.tasks need not import this module; re-exported for its callers here.
from circulars.deliveries import materialise as materialise
from circulars.mail import address_from_token, build_message
from circulars.models import Circular, CircularSettings, Delivery, MailPreference
from core.tasks import enqueue_messages, message_to_json

CONTENT_FIELDS = ["subject", "subject_en", "body", "kind", "public"]
# What a working group's lead writes: the kind and the audience are fixed, and whether
# it appears on /aktuelles/ is the coordinators' choice.
GROUP_CONTENT_FIELDS = ["subject", "subject_en", "body"]


def _attach(circular, attachments):
    """Link the chosen documents (public ones only: recipients without an account and
    the public archive open them too)."""
    if attachments is None:
        return
    from materials.models import Document

    documents = list(attachments)
    if any(document.audience != Document.Audience.PUBLIC for document in documents):
        raise ValidationError(
            {"attachments": _("Nur öffentliche Dokumente können angehängt werden.")},
            code="not_public",
        )
    circular.attachments.set(documents)


def _apply(circular, fields, audience):
    names = GROUP_CONTENT_FIELDS if circular.working_group_id else CONTENT_FIELDS
    for name in names:
        if name in fields:
            setattr(circular, name, fields[name])
    if circular.working_group_id:
        # A group circular goes to the group's active members, whatever was posted.
        circular.kind = Circular.Kind.MEETINGS
        circular.audience = {"working_group": circular.working_group_id}
    elif audience is not None:
        circular.audience = audiences.clean_audience(audience)
    circular.full_clean(exclude=["created_by", "working_group"])


@transaction.atomic
def create_circular(*, by, audience=None, attachments=None, **fields):
    policies.can_create_circular(by).enforce()
    circular = Circular(created_by=by)
    _apply(circular, fields, audience or {})
    circular.save()
    _attach(circular, attachments)
    return circular


@transaction.atomic
def create_group_circular(*, group, by, attachments=None, **fields):
    """A lead's circular to the active members of their working group (a draft)."""
    policies.can_create_group_circular(by, group).enforce()
    circular = Circular(created_by=by, working_group=group)
    _apply(circular, fields, None)
    circular.save()
    _attach(circular, attachments)
    return circular


@transaction.atomic
def set_leads_may_write(*, by, allowed):
    """The coordinators' switch: may working groups' leads write to their members?"""
    policies.can_allow_lead_circulars(by).enforce()
    current = CircularSettings.current()
    current.leads_may_write = bool(allowed)
    current.changed_by = by
    current.save()
    return current


@transaction.atomic
def update_circular(*, circular, by, audience=None, attachments=None, **fields):
    circular = Circular.objects.select_for_update().get(pk=circular.pk)
    policies.can_edit_circular(by, circular).enforce()
    _apply(circular, fields, audience)
    circular.save()
    _attach(circular, attachments)
    return circular


@transaction.atomic
def delete_circular(*, circular, by):
    circular = Circular.objects.select_for_update().get(pk=circular.pk)
    policies.can_delete_circular(by, circular).enforce()
    circular.delete()


def preview_recipient(circular):
    """The first recipient of the audience (or None): whom the preview shows."""
    recipients = audiences.resolve(circular.kind, circular.audience)
    return recipients[0] if recipients else None


def send_test(*, circular, by):
    """The mail as the first recipient would get it, to the coordinator's own address."""
    policies.can_test_circular(by, circular).enforce()
    recipient = preview_recipient(circular)
    message = build_message(
        circular,
        email=recipient.email if recipient else by.email,
        name=recipient.name if recipient else by.get_full_name(),
        organisation_name=recipient.organisation_name if recipient else "",
        language=recipient.language if recipient else "de",
        to=by.email,
    )
    message.subject = "[Test] " + message.subject
    data = message_to_json(message)
    transaction.on_commit(lambda: enqueue_messages([data]))
    return by.email


@transaction.atomic
def queue_circular(*, circular, by):
    """Check the audience and hand the circular to the worker.

    The request only counts the recipients (a few queries) and changes the state; the
    worker's first batch stores one Delivery per address (circulars.deliveries.materialise),
    so a send to 10,000 partners returns at once.
    """
    circular = Circular.objects.select_for_update().get(pk=circular.pk)
    policies.can_edit_circular(by, circular).enforce()
    count = audiences.count(circular.kind, circular.audience)
    policies.can_send_circular(by, circular, recipient_count=count).enforce()
    with override("de"):
        circular.audience_description = audiences.describe(circular.audience)
    circular.state = Circular.State.QUEUED
    circular.queued_at = timezone.now()
    circular.sent_by = by
    circular.save()
    circular_id = circular.pk
    transaction.on_commit(lambda: tasks.enqueue_batch(circular_id))
    return circular


@transaction.atomic
def cancel_circular(*, circular, by):
    """No further mails: the deliveries still waiting are marked as not sent."""
    circular = Circular.objects.select_for_update().get(pk=circular.pk)
    policies.can_cancel_circular(by, circular).enforce()
    circular.state = Circular.State.CANCELLED
    circular.finished_at = timezone.now()
    circular.save()
    Delivery.objects.filter(circular=circular, status=Delivery.Status.QUEUED).update(
        status=Delivery.Status.CANCELLED
    )
    return circular


@transaction.atomic
def resume_circular(*, circular_id, by=None):
    """Queue another batch of a running circular (after a worker restart); harmless twice.

    `by` is the coordinator on the page; the management command passes none.
    """
    if by is not None:
        circular = Circular.objects.get(pk=circular_id)
        policies.can_resume_circular(by, circular).enforce()
    if Circular.objects.filter(
        pk=circular_id, state__in=[Circular.State.QUEUED, Circular.State.SENDING]
    ).exists():
        transaction.on_commit(lambda: tasks.enqueue_batch(circular_id))
        return True
    return False


@transaction.atomic
def set_public(*, circular, by, public):
    circular = Circular.objects.select_for_update().get(pk=circular.pk)
    policies.can_publish_circular(by, circular).enforce()
    circular.public = bool(public)
    circular.save(update_fields=["public", "updated_at"])
    return circular


def addresses_of(user):
    """The addresses a person receives circulars at: the account's and their contacts'."""
    from partners.models import Contact

    addresses = {user.email.strip().lower()}
    addresses |= {
        email.strip().lower()
        for email in Contact.objects.filter(user=user).values_list("email", flat=True)
    }
    return sorted(a for a in addresses if a)


def preferences_of(user):
    """(newsletter, language) as they stand for the person's account address."""
    preference = MailPreference.objects.filter(email=user.email.strip().lower()).first()
    if preference is None:
        return False, "de"
    return preference.newsletter, preference.language


@transaction.atomic
def set_preferences(*, user, newsletter, language):
    """Opt in or out of the newsletter, for every address of the person."""
    if not user.is_authenticated:
        raise ValidationError(_("Bitte melden Sie sich an."))
    for address in addresses_of(user):
        MailPreference.objects.update_or_create(
            email=address, defaults={"newsletter": bool(newsletter), "language": language}
        )


@transaction.atomic
def unsubscribe(*, token):
    """The one-click unsubscribe: the token's address gets no newsletter any more.

    Idempotent; raises signing.BadSignature for a token that is not ours.
    """
    address = address_from_token(token)
    MailPreference.objects.update_or_create(email=address, defaults={"newsletter": False})
    return address
