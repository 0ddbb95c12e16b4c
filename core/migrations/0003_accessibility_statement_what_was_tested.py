"""The accessibility statement says what is tested (issue 8).

Only the default text of 0002 is replaced: a statement a coordinator has already
edited stays as it is.
"""

from importlib import import_module

from django.db import migrations

TITLE = "Erklärung zur Barrierefreiheit"
BODY = """Die Koordination des Netzwerks Bürgermitwirkung ist bemüht, diese Website
im Einklang mit der Barrierefreie-Informationstechnik-Verordnung (BITV 2.0)
barrierefrei zugänglich zu machen.

## Stand der Vereinbarkeit

Nach unserer Selbstbewertung ist diese Website mit den Anforderungen der WCAG 2.1
auf Stufe AA vereinbar. Die Bewertung beruht auf Prüfungen, die bei jeder Änderung
der Software automatisch laufen:

- Jede Seite wird für jede Rolle – Besucherinnen und Besucher, Ansprechpersonen der
  Partner, Vertretungen, Sprechergruppe und Koordination – mit axe-core gegen die
  Regeln der WCAG 2.1 auf den Stufen A und AA geprüft. Es darf keinen Verstoß geben.
- Jede Seite wird mit dem W3C Nu Html Checker auf gültiges HTML geprüft.
- Die Wege „Erklärung zur Mitarbeit unterzeichnen“ und „Stimme bei einer Wahl
  abgeben“ werden im Browser allein mit der Tastatur durchlaufen. Jedes Element,
  das dabei den Fokus erhält, muss sichtbar hervorgehoben sein.
- Eine Seite in Leichter Sprache erklärt, was das Netzwerk ist und wie man die
  Website benutzt. Sie ist von jeder Seite aus verlinkt.

## Nicht barrierefreie Inhalte

- Die PDF-Fassung einer unterzeichneten Erklärung zur Mitarbeit ist nicht
  barrierefrei getaggt. Denselben Text finden Sie barrierefrei auf der Seite
  „Das Netzwerk“.
- Dokumente, die Partner oder die Koordination hochladen (etwa Protokolle und
  Materialien), werden nicht automatisch geprüft.

## Erstellung dieser Erklärung

Diese Erklärung wurde am 25. November 2026 erstellt.

## Feedback und Kontakt

Sind Ihnen Mängel beim barrierefreien Zugang aufgefallen? Schreiben Sie uns an
[barrierefreiheit@example.org](mailto:barrierefreiheit@example.org). Wir
antworten innerhalb von zwei Wochen.

## Schlichtungsverfahren

Wenn Sie keine zufriedenstellende Antwort erhalten, können Sie sich an die
Schlichtungsstelle nach dem Niedersächsischen Behindertengleichstellungsgesetz
wenden.
"""


def update_statement(apps, schema_editor):
    SitePage = apps.get_model("netzwerk", "SitePage")
    first = import_module("core.migrations.0002_default_site_pages").PAGES
    title, body = first["barrierefreiheit"]
    SitePage.objects.filter(slug="barrierefreiheit", title=title, body=body).update(body=BODY)


def restore_statement(apps, schema_editor):
    SitePage = apps.get_model("netzwerk", "SitePage")
    title, body = import_module("core.migrations.0002_default_site_pages").PAGES["barrierefreiheit"]
    SitePage.objects.filter(slug="barrierefreiheit", title=TITLE, body=BODY).update(body=body)


class Migration(migrations.Migration):
    dependencies = [("netzwerk", "0002_default_site_pages")]

    operations = [migrations.RunPython(update_statement, restore_statement)]
