"""Demo circulars for `seed_demo`: one sent and public, one draft to those not yet signed."""

from django.contrib.auth import get_user_model
from django.core.mail import get_connection

from circulars import services
from circulars.models import Circular
from circulars.tasks import run_batch

PUBLIC_BODY = """Liebe Partnerorganisationen,

für das **Arbeitsprogramm 2027** sammeln wir bis Ende Januar Ihre Vorschläge:

- Projekte, die Sie mit anderen Partnern angehen möchten,
- Themen für die Netzwerktreffen,
- Fortbildungen, die Ihnen helfen würden.

Schreiben Sie uns einfach eine Antwort auf diese Mail.

Mit freundlichen Grüßen
Ihre Koordination"""

DRAFT_BODY = """Liebe Partnerorganisationen,

die neue Fassung der Kooperationsvereinbarung ist in Kraft. Bitte unterzeichnen Sie sie
unter „Mein Netzwerk“ – es dauert nur wenige Minuten."""


def seed(*, stdout, password):
    if Circular.objects.exists():
        stdout.write("Rundschreiben: bereits vorhanden, übersprungen.")
        return []
    coordinator = get_user_model().objects.get(email="koordination@example.org")
    partner = get_user_model().objects.filter(email="partner@example.org").first()
    if partner is not None:
        services.set_preferences(user=partner, newsletter=True, language="de")
    circular = services.create_circular(
        by=coordinator,
        subject="Aufruf: Vorschläge für das Arbeitsprogramm 2027",
        subject_en="Call: proposals for the 2027 work programme",
        body=PUBLIC_BODY,
        kind=Circular.Kind.MEMBERSHIP,
        public=True,
        audience={},
    )
    services.queue_circular(circular=circular, by=coordinator)
    # The demo's task backend keeps tasks unsent, so the sending runs here, through the
    # dummy mail backend: demo data sends no mail to the example addresses, whatever
    # EMAIL_BACKEND the installation has, and the circular reads as sent in the archive.
    run_batch(
        circular.pk, connection=get_connection("django.core.mail.backends.dummy.EmailBackend")
    )
    services.create_circular(
        by=coordinator,
        subject="Bitte unterzeichnen Sie die neue Kooperationsvereinbarung",
        body=DRAFT_BODY,
        kind=Circular.Kind.MEMBERSHIP,
        audience={"representatives_only": True, "not_signed": True},
    )
    stdout.write("Rundschreiben: 1 versandt (öffentlich), 1 Entwurf.")
    return []
