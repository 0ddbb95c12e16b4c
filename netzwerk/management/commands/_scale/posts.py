"""Scale posts: 1,000 published news posts of the scale partners."""

from django.db import transaction

from netzwerk.management.commands._scale.partners import representatives
from posts import services
from posts.models import Post


def posts(seed, count):
    marker = "Skalierungsmeldung"
    existing = Post.objects.filter(title__startswith=marker).count()
    pairs = representatives(200)
    made = 0
    for start in range(existing, count, 100):
        with transaction.atomic():
            for number in range(start, min(start + 100, count)):
                organisation, user = pairs[number % len(pairs)]
                post = services.create_post(
                    organisation=organisation,
                    by=user,
                    kind=Post.Kind.NEWS,
                    title=f"{marker} {number + 1:04d} aus dem Quartier",
                    teaser="Neues aus dem Netzwerk: Wer mitmachen will, ist willkommen.",
                    body=(
                        "Wir haben **viel vor** und freuen uns über Unterstützung.\n\n"
                        "- Treffen jeden Dienstag\n- offen für alle\n"
                    ),
                )
                post = services.submit_post(post=post, by=user)
                services.publish_post(post=post, by=seed.coordinator)
                made += 1
    return made
