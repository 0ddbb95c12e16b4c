"""The Erklärung zur Mitarbeit as a PDF document (ReportLab, pure Python)."""

import io
from xml.sax.saxutils import escape

from django.conf import settings
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import cm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table
from reportlab.platypus.flowables import HRFlowable

from core.network import get_network


def agreement_reference(version):
    """What the declaration refers to: "zur Kooperationsvereinbarung, Fassung 2 vom …".

    A title that already says "Kooperationsvereinbarung …" is not repeated in quotes
    ("zur Kooperationsvereinbarung „Kooperationsvereinbarung“" reads as a mistake).
    """
    values = {
        "title": version.title.strip(),
        "number": version.number,
        "date": date_format(version.valid_from, "DATE_FORMAT"),
    }
    if values["title"].casefold().startswith("kooperationsvereinbarung"):
        return _("zur %(title)s, Fassung %(number)s vom %(date)s") % values
    return _("zur Kooperationsvereinbarung „%(title)s“, Fassung %(number)s vom %(date)s") % values


def declaration_pdf(declaration):
    """Return the PDF bytes of a declaration: agreement text, organisation, signer, seal.

    Shows what was signed, with any Berichtigung beside it, and the keyed seal.

    Always in German, the language of the agreement, whatever the page's language.
    """
    with translation.override(settings.LANGUAGE_CODE):
        return _render(declaration)


def _render(declaration):
    buffer = io.BytesIO()
    version = declaration.agreement_version
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=2.2 * cm,
        rightMargin=2.2 * cm,
        topMargin=2 * cm,
        bottomMargin=2 * cm,
        title=_("Erklärung zur Mitarbeit"),
        author=declaration.organisation_data.get("name", ""),
        lang="de-DE",
    )
    styles = getSampleStyleSheet()
    body, small = styles["BodyText"], styles["Code"]
    story = [
        Paragraph(escape(get_network().name_display), styles["Normal"]),
        Paragraph(escape(_("Erklärung zur Mitarbeit")), styles["Title"]),
        Paragraph(escape(agreement_reference(version)), body),
        Spacer(1, 0.4 * cm),
    ]
    for number, text in version.paragraphs():
        prefix = f"<b>{number}.)</b> " if number else ""
        story.append(Paragraph(prefix + escape(text), body))
    story += [Spacer(1, 0.4 * cm), HRFlowable(width="100%"), Spacer(1, 0.3 * cm)]
    data = declaration.organisation_data
    address = ", ".join(
        part
        for part in [data.get("strasse"), f"{data.get('postleitzahl', '')} {data.get('ort', '')}"]
        if part and part.strip()
    )
    signed_at = timezone.localtime(declaration.signed_at)
    rows = [
        (_("Organisation"), data.get("name", "")),
        (_("Rechtsform"), data.get("rechtsform", "")),
        (_("Anschrift"), address),
        (_("Stadtbezirk"), data.get("stadtbezirk", "")),
        (_("Website"), data.get("website", "")),
        (_("Unterzeichnet von"), declaration.signer_name),
        (_("Funktion"), declaration.signer_function),
        (pgettext("place of signing", "Ort"), declaration.place),
        (
            _("Zeitpunkt"),
            _("%(date)s um %(time)s")
            % {
                "date": date_format(signed_at, "DATE_FORMAT"),
                "time": date_format(signed_at, "TIME_FORMAT"),
            },
        ),
    ]
    story.append(
        Paragraph(
            escape(
                _(
                    "Wir erklären unsere Mitarbeit im %(network)s und erkennen die Kooperationsvereinbarung an."
                )
                % {"network": get_network().brand_display}
            ),
            body,
        )
    )
    story.append(
        Table(
            [
                [Paragraph(f"<b>{escape(label)}</b>", body), Paragraph(escape(value or "–"), body)]
                for label, value in rows
            ],
            colWidths=[4.5 * cm, 12 * cm],
        )
    )
    story += _corrections(declaration, body)
    story += [
        Spacer(1, 0.4 * cm),
        Paragraph(
            escape(
                _("Siegel (HMAC-SHA256, Schlüssel %(key)s):") % {"key": declaration.seal_key_id}
            ),
            body,
        ),
        Paragraph(escape(declaration.seal), small),
        Paragraph(
            escape(
                _(
                    "Das Siegel deckt alles ab, was hier als unterzeichnet steht: Fassung, "
                    "Titel und Text der Vereinbarung, die Organisationsdaten, Name, Funktion, "
                    "Ort, Zeitpunkt und das unterzeichnende Konto. Es wird mit einem geheimen "
                    "Schlüssel des Netzwerks berechnet, der nicht in der Datenbank liegt; "
                    "prüfen kann es die Koordination (python manage.py verify_declarations, "
                    "jede Nacht automatisch). Wer dieses Dokument prüfen lassen möchte, nennt "
                    "der Koordination Organisation, Fassung und Siegel."
                )
            ),
            body,
        ),
        Spacer(1, 0.2 * cm),
        Paragraph(
            escape(_("SHA-256 der Vereinbarung und der erklärten Organisationsdaten:")), body
        ),
        Paragraph(escape(declaration.sha256), small),
        Paragraph(escape(_("SHA-256 des Vereinbarungstextes:")), body),
        Paragraph(escape(declaration.agreement_sha256), small),
        Paragraph(
            escape(_("Elektronisch abgegeben; gültig ohne Unterschrift.")),
            styles["Italic"],
        ),
    ]
    document.build(story)
    return buffer.getvalue()


def _corrections(declaration, body):
    """Berichtigungen beside what was signed: the signed values above stay as they were."""
    from core.models import Correction

    corrections = list(Correction.objects.of(declaration)) + list(
        Correction.objects.of(declaration.agreement_version)
    )
    if not corrections:
        return []
    story = [Spacer(1, 0.3 * cm), Paragraph(f"<b>{escape(_('Berichtigt'))}</b>", body)]
    for correction in corrections:
        story.append(
            Paragraph(
                escape(
                    _("berichtigt am %(date)s von %(who)s: %(reason)s")
                    % {
                        "date": date_format(
                            timezone.localtime(correction.corrected_at), "DATETIME_FORMAT"
                        ),
                        "who": correction.corrected_by,
                        "reason": correction.reason,
                    }
                ),
                body,
            )
        )
        for label, before, after in correction.changes:
            story.append(
                Paragraph(
                    escape(
                        _("%(label)s: ursprünglich „%(before)s“, jetzt „%(after)s“")
                        % {"label": label, "before": before, "after": after}
                    ),
                    body,
                )
            )
    return story
