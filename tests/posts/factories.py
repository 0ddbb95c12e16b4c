import io

import factory
from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.text import slugify
from factory.django import DjangoModelFactory
from PIL import Image

from posts.models import Post
from tests.factories import OrganisationFactory


def png_bytes(size=(40, 30), colour="navy"):
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, format="PNG")
    return buffer.getvalue()


class PostFactory(DjangoModelFactory):
    class Meta:
        model = Post

    organisation = factory.SubFactory(OrganisationFactory)
    title = factory.Sequence(lambda n: f"Beitrag Nummer {n}")
    slug = factory.LazyAttribute(lambda p: slugify(p.title))
    teaser = "Kurz gesagt: Alle sind eingeladen."
    body = "Ein **Text** mit [Link](https://example.org/)."
    status = Post.Status.DRAFT

    class Params:
        published = factory.Trait(
            status=Post.Status.PUBLISHED,
            submitted_at=factory.LazyFunction(timezone.now),
            published_at=factory.LazyFunction(timezone.now),
        )
        submitted = factory.Trait(
            status=Post.Status.SUBMITTED, submitted_at=factory.LazyFunction(timezone.now)
        )
        event = factory.Trait(
            kind=Post.Kind.EVENT,
            starts_at=factory.LazyFunction(lambda: timezone.now() + timezone.timedelta(days=7)),
            ends_at=factory.LazyFunction(
                lambda: timezone.now() + timezone.timedelta(days=7, hours=2)
            ),
            place="Stadtteilzentrum, Limmerstraße 1",
        )
        with_image = factory.Trait(
            image=factory.LazyFunction(lambda: ContentFile(png_bytes(), name="bild.png")),
            image_alt="Ein blaues Rechteck",
        )
