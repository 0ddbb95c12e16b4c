"""Demo Gütesiegel and materials for `seed_demo`: generated files, terms v1, acceptances."""

import datetime
import io
from pathlib import Path

import reportlab
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from PIL import Image, ImageDraw, ImageFont
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import cm
from reportlab.pdfgen import canvas

from core import demo_networks as demo
from materials import services
from materials.models import Document, SealFile, SealTerms
from partners.models import Organisation

NETWORK = "Netzwerk Bürgermitwirkung"
# Bitstream Vera ships with reportlab and has the umlauts that Pillow's built-in font lacks.
FONTS = Path(reportlab.__file__).parent / "fonts"
BLUE = "#0b4f8a"

TERMS_TEXT = """Die Partner des Netzwerks Bürgermitwirkung in der Stadt Hannover dürfen das Logo \
des Netzwerks als Gütesiegel nutzen (§ 6 der Kooperationsvereinbarung). Dafür gilt:

- Das Gütesiegel wird nur für Aktivitäten genutzt, die den Leitgedanken des Netzwerks \
entsprechen.
- Das Gütesiegel wird unverändert verwendet: keine anderen Farben, Schriften oder Verzerrungen.
- Das Gütesiegel zeigt die Zugehörigkeit zum Netzwerk; es ist keine Förderzusage und keine \
Empfehlung der Landeshauptstadt Hannover.
- Mit dem Austritt aus dem Netzwerk endet das Recht, das Gütesiegel zu nutzen. Gedruckte \
Materialien werden danach nicht neu aufgelegt.
- Die Koordination kann bei Missbrauch verlangen, dass die Nutzung unterbleibt.
"""

# Demo partners (by position in partners.demo.PARTNER_NAMES) that have not accepted yet.
NOT_ACCEPTED_EVERY = 6


def _seal_png(*, background, foreground, size=(800, 800)):
    image = Image.new("RGB", size, background)
    draw = ImageDraw.Draw(image)
    width, height = size
    margin = 40
    draw.ellipse([margin, margin, width - margin, height - margin], outline=foreground, width=24)
    font_big = ImageFont.truetype(str(FONTS / "VeraBd.ttf"), size=54)
    font_small = ImageFont.truetype(str(FONTS / "Vera.ttf"), size=40)
    for text, font, y in [
        ("Netzwerk", font_big, height * 0.34),
        ("Bürgermitwirkung", font_big, height * 0.46),
        ("Hannover", font_small, height * 0.60),
    ]:
        text = demo.text(text)
        box = draw.textbbox((0, 0), text, font=font)
        draw.text(((width - (box[2] - box[0])) / 2, y), text, fill=foreground, font=font)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def _presentation_pdf():
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    network = demo.text(NETWORK)
    pdf.setTitle(f"Präsentationsmappe – {network}")
    width, height = A4
    pages = [
        (
            NETWORK,
            [
                "in der Stadt Hannover",
                "",
                "Präsentationsmappe für Partner",
            ],
        ),
        (
            "Wer wir sind",
            [
                "Organisationen und Einrichtungen aus ganz Hannover stärken gemeinsam",
                "das bürgerschaftliche Engagement. Sie tauschen Informationen und",
                "Erfahrungen aus, verbinden ihre Kompetenzen und entwickeln Projekte.",
                "Koordiniert wird das Netzwerk von der Landeshauptstadt Hannover und",
                "dem Freiwilligenzentrum Hannover.",
            ],
        ),
        (
            "Mitmachen",
            [
                "Partner werden: die Erklärung zur Mitarbeit online unterzeichnen.",
                "Mindestens drei Netzwerktreffen im Jahr, eine Sprechergruppe,",
                "Arbeitsgruppen zu Themen und ein gemeinsames Arbeitsprogramm.",
                "Partner nutzen das Gütesiegel für Aktivitäten im Sinne der Leitgedanken.",
            ],
        ),
    ]
    for title, lines in pages:
        pdf.setFillColor(BLUE)
        pdf.rect(0, height - 3 * cm, width, 3 * cm, fill=1, stroke=0)
        pdf.setFillColor("white")
        pdf.setFont("Helvetica-Bold", 22)
        pdf.drawString(2 * cm, height - 2 * cm, demo.text(title))
        pdf.setFillColor("black")
        pdf.setFont("Helvetica", 13)
        y = height - 5 * cm
        for line in lines:
            pdf.drawString(2 * cm, y, demo.text(line))
            y -= 0.8 * cm
        pdf.setFont("Helvetica", 9)
        pdf.drawString(2 * cm, 1.5 * cm, f"{network} · Demo-Material")
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def demo_representative(organisation):
    """The account of the organisation's first representative, created for the demo if needed.

    Demo partners' contacts have no accounts; these get no usable password, so
    nobody can log in with them, but services can record what they did.
    """
    contact = (
        organisation.contacts.filter(is_representative=True)
        .order_by(F("user").asc(nulls_last=True), "pk")
        .first()
    )
    if contact.user is None:
        user = get_user_model().objects.create(email=contact.email, name=contact.name)
        user.set_unusable_password()
        user.save()
        contact.user = user
        contact.save()
    return contact.user


@transaction.atomic
def seed(*, stdout, password):
    if SealTerms.objects.exists():
        stdout.write("Gütesiegel: bereits vorhanden, übersprungen.")
        return []
    start = timezone.localdate() - datetime.timedelta(days=400)
    terms = SealTerms.objects.create(number=1, text=demo.text(TERMS_TEXT), valid_from=start)
    SealFile.objects.create(
        title="Gütesiegel farbig",
        description="PNG, 800 × 800 Pixel, für Bildschirm und Druck",
        file=ContentFile(_seal_png(background="white", foreground=BLUE), name="siegel-farbig.png"),
        position=1,
    )
    SealFile.objects.create(
        title="Gütesiegel schwarz-weiß",
        description="PNG, 800 × 800 Pixel, für einfarbigen Druck",
        file=ContentFile(_seal_png(background="white", foreground="black"), name="siegel-sw.png"),
        position=2,
    )
    SealFile.objects.create(
        title="Gütesiegel negativ",
        description="PNG, weiß auf Blau, für dunkle Hintergründe",
        file=ContentFile(_seal_png(background=BLUE, foreground="white"), name="siegel-negativ.png"),
        position=3,
    )
    Document.objects.create(
        title="Präsentationsmappe",
        description="Das Netzwerk auf drei Seiten: zum Ausdrucken und Weitergeben.",
        audience=Document.Audience.PARTNERS,
        file=ContentFile(_presentation_pdf(), name="praesentationsmappe.pdf"),
        version="1.0",
        issued_on=start,
    )
    Document.objects.create(
        title="Das Netzwerk in Kürze",
        description="Kurzinformation für alle Interessierten.",
        audience=Document.Audience.PUBLIC,
        file=ContentFile(_presentation_pdf(), name="netzwerk-in-kuerze.pdf"),
        version="1.0",
        issued_on=start,
    )
    Document.objects.create(
        title="Leitfaden für die Sprechergruppe",
        description="Aufgaben und Abläufe der Sprechergruppe.",
        audience=Document.Audience.SPEAKER_GROUP,
        file=ContentFile(_presentation_pdf(), name="leitfaden-sprechergruppe.pdf"),
        version="0.9",
        issued_on=start,
    )
    accepted = 0
    partners = Organisation.objects.active().order_by("is_coordinating", "pk")
    for index, organisation in enumerate(partners):
        if index % NOT_ACCEPTED_EVERY == NOT_ACCEPTED_EVERY - 1:
            continue
        if not organisation.contacts.filter(is_representative=True).exists():
            continue
        services.accept_seal_terms(
            organisation=organisation, terms=terms, by=demo_representative(organisation)
        )
        accepted += 1
    stdout.write(
        f"Gütesiegel: Nutzungsbedingungen, 3 Siegel-Dateien, 3 Dokumente; "
        f"{accepted} von {partners.count()} Partnern haben angenommen."
    )
    return []
