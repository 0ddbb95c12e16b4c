"""Demo posts for `seed_demo`: published and pending news and events from several partners."""

import datetime
import zoneinfo

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from materials import demo as materials_demo
from materials.models import may_carry_seal
from partners.models import Organisation
from posts import services
from posts.models import Post

BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")

# (organisation slug, kind, title, teaser, body, days from today for events, hour, place, state)
POSTS = [
    (
        "nachbarschaftstreff-lindener-eck",
        "event",
        "Sommerfest am Lindener Eck",
        "Musik, Kuchen und ein Flohmarkt für die ganze Nachbarschaft.",
        "Wir laden alle Nachbarinnen und Nachbarn ein:\n\n- Flohmarkt ab 14 Uhr\n"
        "- Kinderprogramm\n- Livemusik am Abend\n\nHelfende Hände sind willkommen – "
        "[schreiben Sie uns](mailto:kontakt@nachbarschaftstreff-lindener-eck.example.org).",
        12,
        14,
        "Lindener Marktplatz",
        "published",
    ),
    (
        "nachbarschaftstreff-lindener-eck",
        "news",
        "Neue Sprechstunde für Engagierte",
        "Jeden Dienstag beraten wir Menschen, die sich freiwillig engagieren möchten.",
        "Ab sofort gibt es jeden **Dienstag von 16 bis 18 Uhr** eine offene Sprechstunde.",
        None,
        None,
        "",
        "published",
    ),
    (
        "nachbarschaftstreff-lindener-eck",
        "event",
        "Erzählcafé: Linden früher und heute",
        "Ältere und jüngere Menschen erzählen sich Geschichten aus dem Stadtteil.",
        "Bei Kaffee und Gebäck teilen wir Erinnerungen und Wünsche für den Stadtteil.",
        30,
        15,
        "Nachbarschaftstreff Lindener Eck, Musterstraße 1",
        "submitted",
    ),
    (
        "nachbarschaftstreff-lindener-eck",
        "news",
        "Entwurf: Rückblick auf das Frühjahr",
        "Was wir im Frühjahr gemeinsam geschafft haben.",
        "Noch in Arbeit.",
        None,
        None,
        "",
        "draft",
    ),
    (
        "repair-cafe-list",
        "event",
        "Repair-Café: Reparieren statt wegwerfen",
        "Bringen Sie kaputte Geräte mit – wir reparieren gemeinsam.",
        "Ehrenamtliche Fachleute helfen bei Elektrogeräten, Fahrrädern und Kleidung.",
        5,
        11,
        "Stadtteilzentrum List",
        "published",
    ),
    (
        "lernpaten-bemerode",
        "news",
        "Lernpatinnen und Lernpaten gesucht",
        "Für das neue Schuljahr suchen wir Menschen, die Kinder beim Lernen begleiten.",
        "Eine Stunde pro Woche genügt. Wir bereiten Sie in einer Schulung vor.",
        None,
        None,
        "",
        "published",
    ),
    (
        "gemeinschaftsgarten-ricklingen",
        "event",
        "Pflanzentauschbörse im Gemeinschaftsgarten",
        "Tauschen Sie Setzlinge, Samen und Gartenwissen.",
        "Für Kaffee ist gesorgt. Bitte eigene Töpfe mitbringen.",
        19,
        10,
        "Gemeinschaftsgarten Ricklingen",
        "published",
    ),
    (
        "welcome-cafe-badenstedt",
        "news",
        "Welcome Café feiert fünften Geburtstag",
        "Seit fünf Jahren treffen sich bei uns Menschen aus aller Welt.",
        "Danke an alle Ehrenamtlichen, die das möglich gemacht haben!",
        None,
        None,
        "",
        "published",
    ),
    (
        "demokratiewerkstatt-mitte",
        "event",
        "Workshop: Beteiligung im Quartier organisieren",
        "Methoden für Bürgerversammlungen, Umfragen und Beteiligungsspaziergänge.",
        "Für Engagierte aus allen Stadtbezirken. Anmeldung per E-Mail.",
        24,
        18,
        "Demokratiewerkstatt, Mitte",
        "submitted",
    ),
    (
        "sportfreunde-kleefeld",
        "news",
        "Neue Übungsleiterinnen ausgebildet",
        "Zwölf Ehrenamtliche haben ihre Übungsleiter-Lizenz erhalten.",
        "Herzlichen Glückwunsch! Neue Kurse starten im Herbst.",
        None,
        None,
        "",
        "submitted",
    ),
]


@transaction.atomic
def seed(*, stdout, password):
    if Post.objects.exists():
        stdout.write("Aktuelles: bereits vorhanden, übersprungen.")
        return []
    # Events may carry the seal only once the terms exist and are accepted.
    materials_demo.seed(stdout=stdout, password=password)
    coordinator = get_user_model().objects.get(email="koordination@example.org")
    today = timezone.localdate()
    counts = {"published": 0, "submitted": 0, "draft": 0}
    for slug, kind, title, teaser, body, days, hour, place, state in POSTS:
        organisation = Organisation.objects.filter(slug=slug).first()
        if organisation is None:
            continue
        author = materials_demo.demo_representative(organisation)
        fields = {"kind": kind, "title": title, "teaser": teaser, "body": body}
        if kind == "event":
            starts = datetime.datetime.combine(
                today + datetime.timedelta(days=days), datetime.time(hour), tzinfo=BERLIN
            )
            fields.update(
                starts_at=starts,
                ends_at=starts + datetime.timedelta(hours=3),
                place=place,
                carries_seal=may_carry_seal(organisation),
            )
        post = services.create_post(organisation=organisation, by=author, **fields)
        if state != "draft":
            post = services.submit_post(post=post, by=author)
        if state == "published":
            services.publish_post(post=post, by=coordinator)
        counts[state] += 1
    stdout.write(
        f"Aktuelles: {counts['published']} veröffentlicht, {counts['submitted']} zur Freigabe, "
        f"{counts['draft']} Entwurf."
    )
    return []
