"""Joining the network: the application, the signed declaration, the coordinators' decision."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core import events, registry
from core.mail import send_templated_mail
from core.roles import coordinator_emails, require_coordinator
from partners import policies
from partners.models import AgreementVersion, Contact, Declaration, Organisation
from partners.services.names import PROFILE_FIELDS, check_duplicate, unique_slug


def pending_application_of(user):
    """The user's unfinished or waiting application, if any."""
    if not user.is_authenticated:
        return None
    return (
        Organisation.objects.filter(
            status=Organisation.Status.APPLICANT,
            contacts__user=user,
            contacts__is_representative=True,
        )
        .order_by("-applied_at")
        .first()
    )


@transaction.atomic
def save_application(*, by, data, fields=(), logo=None, recruited_by=None, contact=None):
    """Create or update the user's application; the user becomes its representative.

    `contact` holds the applicant's own name and function. Duplicates are refused.
    """
    organisation = pending_application_of(by)
    if organisation is not None:
        organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
        if organisation.declarations.exists():
            raise ValidationError(
                _("Die Bewerbung ist schon unterzeichnet und wird geprüft."), code="submitted"
            )
    check_duplicate(
        name=data["name"], website=data.get("website", ""), exclude=organisation, applicant=by
    )
    if organisation is None:
        organisation = Organisation(status=Organisation.Status.APPLICANT)
    for name in PROFILE_FIELDS:
        if name in data:
            setattr(organisation, name, data[name])
    organisation.slug = unique_slug(organisation.name, exclude=organisation)
    organisation.recruited_by = recruited_by
    organisation.applied_at = timezone.now()
    if logo:
        organisation.logo = logo
    organisation.save()
    organisation.fields.set(fields)
    contact_data = contact or {}
    Contact.objects.update_or_create(
        organisation=organisation,
        user=by,
        defaults={
            "name": contact_data.get("name") or by.name or by.email,
            "email": by.email,
            "function": contact_data.get("function", ""),
            "is_representative": True,
        },
    )
    return organisation


@transaction.atomic
def sign_declaration(*, organisation, by, full_name, function, place, agreement_version=None):
    """Record the organisation's immutable declaration for the (current) agreement version."""
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    version = agreement_version or AgreementVersion.objects.current()
    policies.can_sign_declaration(by, organisation, version).enforce()
    try:
        with transaction.atomic():
            declaration = Declaration.objects.create(
                organisation=organisation,
                agreement_version=version,
                signer=by,
                signer_name=full_name.strip(),
                signer_function=function.strip(),
                place=place.strip(),
                organisation_data=organisation.public_data(),
            )
    except IntegrityError as error:
        raise ValidationError(
            _("Ihre Organisation hat diese Fassung bereits unterzeichnet."), code="signed"
        ) from error
    context = {"organisation": organisation, "declaration": declaration}
    if organisation.status == Organisation.Status.APPLICANT:
        organisation.applied_at = declaration.signed_at
        organisation.save(update_fields=["applied_at"])
        send_templated_mail(
            template="partners/email/application_received", context=context, to=[by.email]
        )
        send_templated_mail(
            template="partners/email/application_coordinators",
            context={
                **context,
                "review_url": reverse("partners:application", kwargs={"slug": organisation.slug}),
            },
            to=coordinator_emails(),
        )
    else:
        send_templated_mail(
            template="partners/email/declaration_signed",
            context=context,
            to=organisation.contacts.representatives().values_list("email", flat=True),
        )
    return declaration


@transaction.atomic
def approve_application(*, organisation, by):
    """Make an applicant an active partner from today and welcome it."""
    require_coordinator(by)
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    policies.can_decide_application(by, organisation).enforce()
    if not organisation.declarations.exists():
        raise ValidationError(
            _("Die Organisation hat die Erklärung zur Mitarbeit noch nicht unterzeichnet."),
            code="unsigned",
        )
    organisation.status = Organisation.Status.ACTIVE
    organisation.joined_on = timezone.localdate()
    organisation.decided_at = timezone.now()
    organisation.decided_by = by
    organisation.save()
    # Other apps react, e.g. meetings invites the new partner to upcoming meetings.
    registry.notify(events.OrganisationJoined(organisation))
    send_templated_mail(
        template="partners/email/application_approved",
        context={"organisation": organisation},
        to=organisation.contacts.values_list("email", flat=True),
    )
    return organisation


@transaction.atomic
def reject_application(*, organisation, by, reason):
    """Reject an application with a reason that the applicant receives by e-mail."""
    require_coordinator(by)
    if not reason.strip():
        raise ValidationError(_("Bitte geben Sie einen Grund an."), code="reason")
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    policies.can_decide_application(by, organisation).enforce()
    organisation.status = Organisation.Status.REJECTED
    organisation.rejection_reason = reason.strip()
    organisation.decided_at = timezone.now()
    organisation.decided_by = by
    organisation.save()
    send_templated_mail(
        template="partners/email/application_rejected",
        context={"organisation": organisation},
        to=organisation.contacts.values_list("email", flat=True),
    )
    return organisation
