import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from pypdf import PdfReader

from materials.models import Document, SealAcceptance, SealFile
from partners.models import Organisation
from posts.models import Post

pytestmark = pytest.mark.django_db


def test_demo_has_posts_seal_files_acceptances_and_the_presentation_folder(settings, client):
    settings.DEBUG = True
    call_command("seed_demo")
    published = Post.objects.published()
    assert published.values("organisation").distinct().count() >= 4
    assert Post.objects.awaiting_moderation().count() >= 2
    assert published.filter(organisation__slug="nachbarschaftstreff-lindener-eck").exists()
    assert published.filter(kind=Post.Kind.EVENT).exists()

    active = Organisation.objects.active().count()
    holders = SealAcceptance.objects.values("organisation").distinct().count()
    assert active / 2 < holders < active
    assert SealFile.objects.count() >= 1

    folder = Document.objects.get(title="Präsentationsmappe")
    reader = PdfReader(io.BytesIO(folder.file.read()))
    assert "Netzwerk Bürgermitwirkung" in reader.pages[0].extract_text()

    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.get(email="partner@example.org"))
    seal = SealFile.objects.first()
    assert client.get(reverse("materials:seal_download", kwargs={"pk": seal.pk})).status_code == 200
    assert "Sommerfest am Lindener Eck" in client.get(reverse("posts:list")).text

    count = Post.objects.count()
    call_command("seed_demo")
    assert Post.objects.count() == count
