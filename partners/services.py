"""Every change to partners that spans rows, sends mail or needs an actor."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core import events, registry
from core.mail import send_templated_mail
from core.roles import coordinator_emails, require_coordinator
from core.search import german_slug
from partners import policies
from partners.models import (
    AgreementVersion,
    Contact,
    Declaration,
    Organisation,
    OrganisationSlugAlias,
    SealCheck,
)

PROFILE_FIELDS = [
    "name",
    "legal_form",
    "district",
    "street",
    "postal_code",
    "city",
    "website",
    "email",
    "phone",
    "description",
]


def _unique_slug(name, exclude=None):
    """A free address for the name, German letters spelled out (Börse → boerse).

    Taken are other organisations' current slugs and their earlier ones (aliases);
    the organisation's own earlier slugs are free for it again.
    """
    base = german_slug(name)[:180] or "organisation"
    slug, number = base, 2
    others = Organisation.objects.all()
    aliases = OrganisationSlugAlias.objects.all()
    if exclude is not None and exclude.pk:
        others = others.exclude(pk=exclude.pk)
        aliases = aliases.exclude(organisation=exclude)
    while others.filter(slug=slug).exists() or aliases.filter(slug=slug).exists():
        slug = f"{base}-{number}"
        number += 1
    return slug


def _follow_name(organisation):
    """Give a renamed organisation the address of its new name; the old one redirects."""
    old = organisation.slug
    new = _unique_slug(organisation.name, exclude=organisation)
    if new == old:
        return
    organisation.slug = new
    OrganisationSlugAlias.objects.filter(organisation=organisation, slug=new).delete()
    if old:
        OrganisationSlugAlias.objects.get_or_create(
            slug=old, defaults={"organisation": organisation}
        )


def follow_new_name(*, organisation, by):
    """An organisation just added or renamed (not yet saved) takes the address of its name.

    For the admin's forms, which save the organisation's other fields themselves: the
    name is checked for duplicates like every renaming, the organisation gets the
    address of its new name and the old one stays as an alias that redirects
    permanently (`update_organisation` renames the same way).
    """
    require_coordinator(by)
    _check_duplicate(name=organisation.name, website="", exclude=organisation)
    if organisation.pk is None:
        organisation.slug = _unique_slug(organisation.name)
    else:
        _follow_name(organisation)
    return organisation


def _check_duplicate(*, name, website, exclude=None, applicant=None):
    duplicates = Organisation.objects.duplicates_of(
        name=name, website=website, exclude=exclude, applicant=applicant
    )
    if duplicates.exists():
        raise ValidationError(
            _(
                "Eine Organisation mit diesem Namen oder dieser Website ist bereits im "
                "Netzwerk oder hat sich beworben. Bitte wenden Sie sich an die "
                "Koordination, wenn Sie als Ansprechperson hinzukommen möchten."
            ),
            code="duplicate",
        )


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
    _check_duplicate(
        name=data["name"], website=data.get("website", ""), exclude=organisation, applicant=by
    )
    if organisation is None:
        organisation = Organisation(status=Organisation.Status.APPLICANT)
    for name in PROFILE_FIELDS:
        if name in data:
            setattr(organisation, name, data[name])
    organisation.slug = _unique_slug(organisation.name, exclude=organisation)
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


@transaction.atomic
def publish_agreement_version(*, by, title, text, valid_from):
    """Publish a new agreement version and ask every active partner to sign it."""
    require_coordinator(by)
    # Lock the table's newest row so two coordinators cannot take the same number.
    latest = AgreementVersion.objects.select_for_update().order_by("-number").first()
    number = (latest.number if latest else 0) + 1
    version = AgreementVersion.objects.create(
        number=number, title=title.strip(), text=text.strip(), valid_from=valid_from
    )
    recipients = Contact.objects.filter(
        organisation__status=Organisation.Status.ACTIVE, is_representative=True
    ).values_list("email", flat=True)
    send_templated_mail(
        template="partners/email/agreement_published",
        context={"version": version, "my_network_url": reverse("partners:my_network")},
        to=list(recipients),
    )
    return version


def next_agreement_number():
    return (AgreementVersion.objects.aggregate(n=Max("number"))["n"] or 0) + 1


@transaction.atomic
def update_organisation(*, organisation, by, data, fields=None, logo=None, remove_logo=False):
    """Change an active organisation's profile; contacts of it and coordinators may."""
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    policies.can_edit_profile(by, organisation).enforce()
    if "name" in data or "website" in data:
        _check_duplicate(
            name=data.get("name", organisation.name),
            website=data.get("website", organisation.website),
            exclude=organisation,
        )
    renamed = "name" in data and data["name"] != organisation.name
    for name in PROFILE_FIELDS:
        if name in data:
            setattr(organisation, name, data[name])
    if renamed:
        _follow_name(organisation)
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


@transaction.atomic
def declare_exit(*, organisation, by, exit_on, reason=""):
    """A representative declares the organisation's exit as of a date.

    Until that date the organisation stays an active partner and its representative
    may withdraw the exit; on the date the task worker carries it out (see
    partners.tasks; `manage.py carry_out_exits` sweeps what the worker missed).
    """
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    policies.can_declare_exit(by, organisation).enforce()
    decision = policies.check_exit_date(exit_on)
    if not decision:
        raise ValidationError({"exit_on": decision.reason}, code="exit_on")
    reason = (reason or "").strip()
    if len(reason) > EXIT_REASON_MAX_LENGTH:
        raise ValidationError({"reason": _("Der Grund ist zu lang.")}, code="too_long")
    organisation.exit_declared_at = timezone.now()
    organisation.exit_on = exit_on
    organisation.exit_reason = reason
    organisation.save(update_fields=["exit_declared_at", "exit_on", "exit_reason"])
    transaction.on_commit(lambda: schedule_exit(organisation_id=organisation.pk, exit_on=exit_on))
    send_templated_mail(
        template="partners/email/exit_declared",
        context={
            "organisation": organisation,
            "by": by,
            "confirm_url": reverse("partners:exit_confirm", kwargs={"slug": organisation.slug}),
        },
        to=coordinator_emails(),
    )
    return organisation


EXIT_REASON_MAX_LENGTH = 2000


def schedule_exit(*, organisation_id, exit_on):
    """Queue the exit for the start of its day in local time (TIME_ZONE).

    A backend that cannot defer (the immediate one, in development) runs an exit that
    is due now at once and leaves later ones to the sweep (`manage.py carry_out_exits`).
    """
    from partners.tasks import carry_out_exit_task

    run_after = policies.exit_takes_effect_at(exit_on)
    if carry_out_exit_task.get_backend().supports_defer:
        task = carry_out_exit_task.using(run_after=run_after)
        return task.enqueue(organisation_id, exit_on.isoformat())
    if run_after <= timezone.now():
        return carry_out_exit_task.enqueue(organisation_id, exit_on.isoformat())
    return None


@transaction.atomic
def withdraw_exit(*, organisation, by):
    """The representative withdraws a declared exit before its date: it stays a partner.

    A task already queued for the exit finds no declared exit and does nothing.
    """
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    policies.can_withdraw_exit(by, organisation).enforce()
    exit_on = organisation.exit_on
    organisation.exit_declared_at = None
    organisation.exit_on = None
    organisation.exit_reason = ""
    organisation.save(update_fields=["exit_declared_at", "exit_on", "exit_reason"])
    send_templated_mail(
        template="partners/email/exit_withdrawn",
        context={"organisation": organisation, "by": by, "exit_on": exit_on},
        to=coordinator_emails(),
    )
    return organisation


@transaction.atomic
def carry_out_exit(*, organisation, by=None, now=None):
    """Carry out a declared exit on its date: the partner leaves, its history stays.

    `by` is None for the task worker and the sweep, else a coordinator. The state is
    checked again under a lock, so a withdrawn or not yet due exit is not carried
    out. Other apps react through their hook `organisation_left(organisation)`.
    """
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    policies.can_carry_out_exit(by, organisation, now=now).enforce()
    organisation.status = Organisation.Status.LEFT
    organisation.left_on = organisation.exit_on
    # A partner that left coordinates no more (the agreement names active partners).
    organisation.is_coordinating = False
    organisation.decided_by = by
    organisation.decided_at = now or timezone.now()
    organisation.save(
        update_fields=["status", "left_on", "is_coordinating", "decided_by", "decided_at"]
    )
    registry.notify(events.OrganisationLeft(organisation))
    send_templated_mail(
        template="partners/email/exit_confirmed",
        context={"organisation": organisation},
        to=organisation.contacts.values_list("email", flat=True),
    )
    return organisation


def carry_out_due_exits(*, now=None):
    """The sweep: carry out every declared exit whose date has come; idempotent."""
    today = timezone.localdate(now) if now is not None else timezone.localdate()
    done = []
    for pk in (
        Organisation.objects.exit_declared().filter(exit_on__lte=today).values_list("pk", flat=True)
    ):
        try:
            done.append(carry_out_exit(organisation=Organisation(pk=pk), now=now))
        except ValidationError:
            continue  # withdrawn or carried out meanwhile
    return done


@transaction.atomic
def set_coordinating(*, organisation, by, value):
    """Name or unname a coordinating organisation; the agreement names exactly two."""
    # Lock the coordinating rows, so two coordinators cannot name a third at once.
    list(Organisation.objects.coordinating().select_for_update())
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    policies.can_set_coordinating(by, organisation, value).enforce()
    organisation.is_coordinating = bool(value)
    organisation.save(update_fields=["is_coordinating"])
    return organisation


# The seal of declarations and agreement versions (partners.seal)

# The nightly check runs at this hour (local time), when nobody signs.
SEAL_CHECK_HOUR = 3
# The coordinators are warned when the last check is older than this.
SEAL_CHECK_MAX_AGE = datetime.timedelta(days=2)


def check_seals(*, now=None):
    """Verify every agreement version and declaration; store and return a SealCheck.

    Each failure names the record (kind, number, organisation) and why it does not
    match. Read-only apart from the SealCheck row.
    """
    failures = []
    versions = 0
    for version in AgreementVersion.objects.order_by("number").iterator(chunk_size=500):
        versions += 1
        problems = version.seal_problems()
        if problems:
            failures.append(
                {
                    "art": "fassung",
                    "id": version.pk,
                    "name": str(_("Fassung %(number)s") % {"number": version.number}),
                    "befund": [str(p) for p in problems],
                }
            )
    declarations = 0
    queryset = Declaration.objects.select_related("agreement_version", "organisation").order_by(
        "pk"
    )
    for declaration in queryset.iterator(chunk_size=500):
        declarations += 1
        problems = declaration.seal_problems()
        if problems:
            failures.append(
                {
                    "art": "erklaerung",
                    "id": declaration.pk,
                    "name": str(
                        _("Erklärung Nr. %(pk)s von %(organisation)s zur Fassung %(number)s")
                        % {
                            "pk": declaration.pk,
                            "organisation": declaration.organisation.name,
                            "number": declaration.agreement_version.number,
                        }
                    ),
                    "befund": [str(p) for p in problems],
                }
            )
    return SealCheck.objects.create(
        checked_at=now or timezone.now(),
        declarations=declarations,
        versions=versions,
        failures=failures,
    )


def last_seal_check():
    return SealCheck.objects.order_by("-checked_at", "-pk").first()


def seal_check_warning(check, *, now=None):
    """Why the coordinators should look (never ran, failed, too old), or ""."""
    now = now or timezone.now()
    if check is None:
        return _("Die Siegel wurden noch nie geprüft.")
    if not check.ok:
        return _("Die letzte Prüfung hat Abweichungen gefunden.")
    if now - check.checked_at > SEAL_CHECK_MAX_AGE:
        return _("Die letzte Prüfung ist älter als zwei Tage; läuft der Task-Worker?")
    return ""


def next_seal_check_at(now=None):
    """The next night's check: tomorrow (or today, before the hour) at 3 o'clock local time."""
    local = timezone.localtime(now or timezone.now())
    at = local.replace(hour=SEAL_CHECK_HOUR, minute=0, second=0, microsecond=0)
    if at <= local:
        at = timezone.make_aware(
            datetime.datetime.combine(at.date() + datetime.timedelta(days=1), at.time())
        )
    return at


def schedule_seal_check(*, now=None):
    """Queue the nightly seal check unless one is already waiting; None if it cannot defer.

    The task re-queues itself for the next night after each run; the daily sweep
    (`manage.py carry_out_exits`) and every `manage.py verify_declarations` call this,
    so a lost task is queued again within a day.
    """
    from partners.tasks import verify_seals_task

    backend = verify_seals_task.get_backend()
    if not backend.supports_defer:
        return None
    if _seal_check_waiting():
        return None
    return verify_seals_task.using(run_after=next_seal_check_at(now)).enqueue()


def _seal_check_waiting():
    try:
        from django_tasks_db.models import DBTaskResult
    except ImportError:  # pragma: no cover - another backend keeps its own queue
        return False
    from django.conf import settings

    if "django_tasks_db" not in settings.TASKS["default"]["BACKEND"]:
        return False
    return DBTaskResult.objects.filter(
        task_path="partners.tasks.verify_seals_task", status="READY"
    ).exists()
