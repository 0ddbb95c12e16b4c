import datetime

import factory
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.text import slugify
from factory.django import DjangoModelFactory

from partners.models import Contact, District, Organisation

PASSWORD = "test-passwort-123"


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
    # URL-safe like the services' slugs: "Kandidatin Süd" → "kandidatin-sud".
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
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
