"""An active partner's profile and its contacts."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.mail import send_templated_mail
from partners import policies
from partners.models import Contact, Organisation
from partners.services.names import PROFILE_FIELDS, check_duplicate, follow_name


@transaction.atomic
def update_organisation(*, organisation, by, data, fields=None, logo=None, remove_logo=False):
    """Change an active organisation's profile; contacts of it and coordinators may."""
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    policies.can_edit_profile(by, organisation).enforce()
    if "name" in data or "website" in data:
        check_duplicate(
            name=data.get("name", organisation.name),
            website=data.get("website", organisation.website),
            exclude=organisation,
        )
    renamed = "name" in data and data["name"] != organisation.name
    for name in PROFILE_FIELDS:
        if name in data:
            setattr(organisation, name, data[name])
    if renamed:
        follow_name(organisation)
    if logo:
        organisation.logo = logo
    elif remove_logo:
        organisation.logo = ""
    organisation.save()
    if fields is not None:
        organisation.fields.set(fields)
    return organisation


def _inviter_name(user, organisation):
    """How an invitation names who sent it: the account's or contact's name, else the address."""
    name = user.name.strip() or (
        organisation.contacts.filter(user=user)
        .exclude(name="")
        .values_list("name", flat=True)
        .first()
        or ""
    )
    return f"{name} ({user.email})" if name and name != user.email else user.email


@transaction.atomic
def invite_contact(*, organisation, by, name, email, function="", is_representative=False):
    """Add a colleague as contact and send them a link to sign up or log in."""
    policies.can_manage_contacts(by, organisation).enforce()
    email = email.strip().lower()
    if organisation.contacts.filter(email__iexact=email).exists():
        raise ValidationError(
            _("Diese Person ist bereits Ansprechperson Ihrer Organisation."), code="exists"
        )
    from django.contrib.auth import get_user_model

    user = (
        get_user_model()
        .objects.filter(emailaddress__email__iexact=email, emailaddress__verified=True)
        .first()
    )
    contact = Contact.objects.create(
        organisation=organisation,
        user=user,
        name=name.strip(),
        email=email,
        function=function.strip(),
        is_representative=is_representative,
    )
    send_templated_mail(
        template="partners/email/contact_invited",
        context={
            "organisation": organisation,
            "contact": contact,
            "inviter": by,
            "inviter_name": _inviter_name(by, organisation),
            "signup_url": reverse("account_signup") + "?next=" + reverse("partners:my_network"),
            "login_url": reverse("account_login") + "?next=" + reverse("partners:my_network"),
        },
        to=[email],
    )
    return contact


@transaction.atomic
def remove_contact(*, contact, by):
    """Remove a contact from its organisation; the last representative stays."""
    organisation = Organisation.objects.select_for_update().get(pk=contact.organisation_id)
    policies.can_manage_contacts(by, organisation).enforce()
    if (
        contact.is_representative
        and organisation.contacts.representatives().exclude(pk=contact.pk).count() == 0
    ):
        raise ValidationError(
            _("Die letzte vertretungsberechtigte Person kann nicht entfernt werden."),
            code="last_representative",
        )
    contact.delete()


@transaction.atomic
def set_public_consent(*, contact, by, consent):
    """Record (with date) or withdraw the person's consent to show name and e-mail."""
    if contact.user_id != by.pk:
        raise PermissionDenied(_("Nur die Person selbst kann einwilligen."))
    contact.public_consent_at = timezone.now() if consent else None
    contact.save(update_fields=["public_consent_at"])
    return contact


def link_contacts_to_user(*, user, email):
    """Attach invited contacts with this (verified) e-mail address to the account."""
    return Contact.objects.filter(user__isnull=True, email__iexact=email).update(user=user)
