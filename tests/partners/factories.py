import io

import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from factory.django import DjangoModelFactory
from PIL import Image

from core.search import german_slug
from partners import services
from partners.models import AgreementVersion, Organisation, Sponsor
from tests.factories import ContactFactory, OrganisationFactory, UserFactory


def png_bytes(size=(40, 20), color=(11, 79, 138)):
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, format="PNG")
    return buffer.getvalue()


def png_upload(name="logo.png", **kwargs):
    return SimpleUploadedFile(name, png_bytes(**kwargs), content_type="image/png")


class SponsorFactory(DjangoModelFactory):
    class Meta:
        model = Sponsor

    name = factory.Sequence(lambda n: f"Förderstiftung {n}")
    website = "https://foerderer.example.org/"
    shown = True


def representative_of(organisation, **kwargs):
    """A user who is a representative contact of the organisation."""
    user = UserFactory(**kwargs)
    ContactFactory(organisation=organisation, user=user, is_representative=True)
    return user


def sign(organisation, user=None, version=None):
    """The organisation's declaration of the (current) version, signed through the service."""
    user = user or representative_of(organisation)
    return services.sign_declaration(
        organisation=organisation,
        by=user,
        full_name=user.name,
        function="Vorstand",
        place="Hannover",
        agreement_version=version or AgreementVersion.objects.current(),
    )


def signed_application(name="Neue Initiative Hannover", **kwargs):
    """An applicant organisation whose representative has signed the declaration."""
    kwargs.setdefault("slug", german_slug(name))
    organisation = OrganisationFactory(
        name=name, status=Organisation.Status.APPLICANT, joined_on=None, **kwargs
    )
    user = representative_of(organisation)
    sign(organisation, user)
    return organisation, user


# What an organisation types when it joins (/mitmachen/): its data, then its signature.
ORGANISATION = {
    "name": "Stadtteilchor Mühlenberg",
    "legal_form": "e. V.",
    "district": "ricklingen",
    "street": "Am Mühlenberg 1",
    "postal_code": "30457",
    "city": "Hannover",
    "website": "https://chor-muehlenberg.example.org/",
    "email": "info@chor-muehlenberg.example.org",
    "phone": "",
    "description": "Wir singen gemeinsam.",
    "fields": [],
    "contact_name": "Mia Muster",
    "contact_function": "Vorsitzende",
}
SIGNATURE = {
    "consent": "on",
    "full_name": "Mia Muster",
    "function": "Vorsitzende",
    "place": "Hannover",
}
