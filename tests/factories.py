import datetime

import factory
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.utils import timezone
from factory.django import DjangoModelFactory

from core.search import german_slug
from partners.models import Contact, District, Organisation

PASSWORD = "test-passwort-123"
# The authenticator-app secret of the accounts that hold power in tests (coordinators,
# admins): with MFA_REQUIRED_FOR_COORDINATORS on (DEBUG off, as in the suite) their
# powers open only with a second factor. tests.factories.totp_code(secret) gives a code.
TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"  # noqa: S105 - test fixture


def give_second_factor(user, secret=TOTP_SECRET):
    """Give the user an authenticator app (allauth's TOTP) with a known secret, and
    recovery codes, as if they had set them up on the second-factor page."""
    from allauth.mfa.models import Authenticator
    from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
    from allauth.mfa.totp.internal.auth import TOTP

    if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(user, secret)
        RecoveryCodes.activate(user)
    user._netzwerk_roles = None
    return user


def totp_code(secret=TOTP_SECRET, *, at=None):
    """The code an authenticator app shows now (or at the given Unix time), computed
    with allauth's own TOTP helpers."""
    import time

    from allauth.mfa import app_settings
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    moment = time.time() if at is None else at
    return format_hotp_value(hotp_value(secret, int(moment) // app_settings.TOTP_PERIOD))


class UserFactory(DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["email"]
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    name = factory.Faker("name", locale="de_DE")
    password = factory.django.Password(PASSWORD)

    @factory.post_generation
    def verified(obj, create, extracted, **kwargs):
        if create and extracted is not False:
            EmailAddress.objects.get_or_create(
                user=obj, email=obj.email, defaults={"verified": True, "primary": True}
            )


class OrganisationFactory(DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Initiative {n} Hannover")
    # URL-safe like the services' slugs: "Kandidatin Süd" → "kandidatin-sued".
    slug = factory.LazyAttribute(lambda o: german_slug(o.name))
    district = District.MITTE
    description = factory.Faker("paragraph", locale="de_DE")
    status = Organisation.Status.ACTIVE
    joined_on = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=100))
    website = factory.LazyAttribute(lambda o: f"https://{o.slug}.example.org/")


class ContactFactory(DjangoModelFactory):
    class Meta:
        model = Contact

    organisation = factory.SubFactory(OrganisationFactory)
    user = factory.SubFactory(UserFactory)
    name = factory.LazyAttribute(lambda c: c.user.name if c.user else "Kontakt")
    email = factory.LazyAttribute(lambda c: c.user.email if c.user else "kontakt@example.org")
    function = "Vorstand"
    is_representative = False
