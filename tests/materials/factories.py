import factory
from django.core.files.base import ContentFile
from factory.django import DjangoModelFactory

from materials.models import Document, SealFile, SealTerms
from tests.posts.factories import png_bytes


class SealTermsFactory(DjangoModelFactory):
    class Meta:
        model = SealTerms
        django_get_or_create = ["number"]

    number = 1
    text = "Das Siegel darf nur für Aktivitäten im Sinne der Leitgedanken genutzt werden."


class SealFileFactory(DjangoModelFactory):
    class Meta:
        model = SealFile

    title = "Gütesiegel farbig"
    file = factory.LazyFunction(lambda: ContentFile(png_bytes(), name="siegel.png"))


class DocumentFactory(DjangoModelFactory):
    class Meta:
        model = Document

    title = factory.Sequence(lambda n: f"Dokument {n}")
    audience = Document.Audience.PARTNERS
    version = "1.0"
    file = factory.LazyFunction(lambda: ContentFile(b"%PDF-1.4\n% Testdokument\n", name="dok.pdf"))
