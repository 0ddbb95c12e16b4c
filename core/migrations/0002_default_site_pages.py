from django.db import migrations

PAGES = {
    "impressum": (
        "Impressum",
        """## Angaben gemäß § 5 DDG

Netzwerk Bürgermitwirkung in der Stadt Hannover
c/o Landeshauptstadt Hannover und Freiwilligenzentrum Hannover

Die Koordination des Netzwerks liegt bei der Landeshauptstadt Hannover und dem
Freiwilligenzentrum Hannover.

**Kontakt:** [netzwerk@example.org](mailto:netzwerk@example.org)

*Die Koordination ergänzt hier die vollständigen Angaben (Anschrift,
vertretungsberechtigte Personen, Verantwortliche für den Inhalt).*
""",
    ),
    "datenschutz": (
        "Datenschutzerklärung",
        """## Wer ist verantwortlich?

Verantwortlich für diese Plattform ist die Koordination des Netzwerks
Bürgermitwirkung in der Stadt Hannover (siehe Impressum).

## Welche Daten wir verarbeiten

- **Konto:** Ihre E-Mail-Adresse und Ihr Passwort (nur verschlüsselt gespeichert),
  damit Sie sich anmelden können.
- **Ansprechpersonen:** Name, E-Mail-Adresse, Telefon und Funktion in Ihrer
  Organisation. Name und E-Mail-Adresse erscheinen nur dann öffentlich, wenn Sie
  eingewilligt haben; alles Weitere sieht nur die Koordination.
- **Erklärungen zur Mitarbeit:** Wer für eine Organisation unterzeichnet, wird mit
  dem eingegebenen Namen, der Funktion, Ort und Zeit festgehalten.
- **Änderungsprotokoll:** Wer wann welche Daten geändert hat, damit die Arbeit des
  Netzwerks nachvollziehbar bleibt.

## Ihre Rechte

Unter „Mein Konto“ können Sie Ihre Daten jederzeit als Datei herunterladen und
Ihr Konto löschen. Beim Löschen werden Ihr Konto und Ihre Einträge als
Ansprechperson entfernt. **Eine unterzeichnete Erklärung zur Mitarbeit bleibt
erhalten**, weil sie die Erklärung der Organisation ist: Sie behält den
eingegebenen Namen und die Funktion der unterzeichnenden Person (Art. 17 Abs. 3
DSGVO, Nachweis der Mitgliedschaft).

Sie haben außerdem das Recht auf Auskunft, Berichtigung, Einschränkung der
Verarbeitung und Beschwerde bei der Landesbeauftragten für den Datenschutz
Niedersachsen.

## Cookies

Wir setzen nur technisch notwendige Cookies (Anmeldung, Schutz von Formularen,
Sprachwahl). Es gibt kein Tracking und keine Inhalte von Dritten.
""",
    ),
    "barrierefreiheit": (
        "Erklärung zur Barrierefreiheit",
        """Die Koordination des Netzwerks Bürgermitwirkung ist bemüht, diese Website
im Einklang mit der Barrierefreie-Informationstechnik-Verordnung (BITV 2.0)
barrierefrei zugänglich zu machen.

## Stand der Vereinbarkeit

Die Seiten werden bei jeder Änderung automatisch mit axe-core gegen die
Anforderungen der WCAG 2.1 auf Stufe AA geprüft. Alle Funktionen sind mit der
Tastatur bedienbar; eine Seite in Leichter Sprache erklärt das Netzwerk.

## Feedback und Kontakt

Sind Ihnen Mängel beim barrierefreien Zugang aufgefallen? Schreiben Sie uns an
[barrierefreiheit@example.org](mailto:barrierefreiheit@example.org). Wir
antworten innerhalb von zwei Wochen.

## Schlichtungsverfahren

Wenn Sie keine zufriedenstellende Antwort erhalten, können Sie sich an die
Schlichtungsstelle nach dem Niedersächsischen Behindertengleichstellungsgesetz
wenden.
""",
    ),
}


def create_pages(apps, schema_editor):
    SitePage = apps.get_model("netzwerk", "SitePage")
    for slug, (title, body) in PAGES.items():
        SitePage.objects.get_or_create(slug=slug, defaults={"title": title, "body": body})


class Migration(migrations.Migration):
    dependencies = [("netzwerk", "0001_user_and_site_pages")]

    operations = [migrations.RunPython(create_pages, migrations.RunPython.noop)]
