"""Demo partners for `seed_demo`: a plausible, fictional Hannover network."""

import datetime
import random

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from netzwerk.roles import make_coordinator
from partners.models import Contact, District, FieldOfEngagement, Organisation

COORDINATING = [
    ("Landeshauptstadt Hannover", "mitte", "Körperschaft des öffentlichen Rechts"),
    ("Freiwilligenzentrum Hannover", "mitte", "e. V."),
]

# Fictional organisations: no real organisation appears to have signed anything.
PARTNER_NAMES = [
    "Nachbarschaftstreff Lindener Eck",
    "Bürgerverein Vahrenwald-List",
    "Kulturkiste Bothfeld",
    "Sportfreunde Kleefeld",
    "Umweltwerkstatt Misburg",
    "Lernpaten Bemerode",
    "Seniorennetz Südstadt",
    "Jugendforum Döhren",
    "Gemeinschaftsgarten Ricklingen",
    "Stadtteilinitiative Limmer",
    "Familienzentrum Ahlem",
    "Integrationslotsen Stöcken",
    "Hannover Nord hilft",
    "Lesewelt Mitte",
    "Repair-Café List",
    "Tafelrunde Vahrenheide",
    "Musikschule am Kanal",
    "Welcome Café Badenstedt",
    "Quartiersrat Sahlkamp",
    "Mentoring Hannover",
    "Naturschutzjugend Wülferode",
    "Seniorenbüro Buchholz",
    "Kinderkulturhaus Linden",
    "Zeitspender Hannover",
    "Bürgerstiftung am Maschsee",
    "Stadtteilküche Herrenhausen",
    "Engagiert in Anderten",
    "Vielfalt Davenstedt",
    "Sprachcafé Südstadt",
    "Ehrenamtsbörse Döhren",
    "Fahrradwerkstatt Nordstadt",
    "Besuchsdienst Kirchrode",
    "Tanzhaus Ricklingen",
    "Demokratiewerkstatt Mitte",
    "Nachbarschaftshilfe Bult",
    "Theatergruppe Limmerstraße",
    "Sportverein Misburg 1912",
    "Lesepaten Herrenhausen",
    "Inklusionsnetz Hannover",
    "Generationenhaus Wülfel",
]

FUNCTIONS = ["Vorstand", "Geschäftsführung", "Koordination Ehrenamt", "Projektleitung"]


def _user(email, name, password):
    User = get_user_model()
    user, created = User.objects.get_or_create(email=email, defaults={"name": name})
    if created:
        user.set_password(password)
        user.save()
        EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


@transaction.atomic
def seed(*, stdout, password):
    if Organisation.objects.filter(slug="landeshauptstadt-hannover").exists():
        stdout.write("Partner: bereits vorhanden, übersprungen.")
        return _logins()
    rng = random.Random(2026)  # noqa: S311 - demo data, not security
    today = timezone.localdate()
    fields = list(FieldOfEngagement.objects.all())
    districts = list(District.values)

    coordinator = _user("koordination@example.org", "Kim Koordination", password)
    make_coordinator(coordinator)
    for name, district, legal_form in COORDINATING:
        org = Organisation.objects.create(
            name=name,
            slug=slugify(name),
            legal_form=legal_form,
            district=district,
            status=Organisation.Status.ACTIVE,
            joined_on=datetime.date(2015, 1, 1),
            is_coordinating=True,
            description="Koordiniert das Netzwerk Bürgermitwirkung gemeinsam mit dem Partner.",
            website="https://example.org/",
        )
        Contact.objects.create(
            organisation=org,
            user=coordinator if name.startswith("Landeshauptstadt") else None,
            name="Kim Koordination" if name.startswith("Landeshauptstadt") else "Fritzi Freiwillig",
            email="koordination@example.org"
            if name.startswith("Landeshauptstadt")
            else "fzh@example.org",
            function="Koordination des Netzwerks",
            is_representative=True,
            public_consent_at=timezone.now(),
        )

    for index, name in enumerate(PARTNER_NAMES):
        slug = slugify(name)
        org = Organisation.objects.create(
            name=name,
            slug=slug,
            legal_form=rng.choice(["e. V.", "gGmbH", "Initiative", "Stiftung"]),
            district=districts[index % len(districts)],
            street=f"Musterstraße {index + 1}",
            postal_code=f"30{rng.randint(100, 699)}",
            website=f"https://{slug}.example.org/",
            email=f"kontakt@{slug}.example.org",
            description=(
                f"{name} bringt Menschen im Stadtteil zusammen und lädt alle ein, "
                "sich freiwillig zu engagieren."
            ),
            status=Organisation.Status.ACTIVE,
            joined_on=today - datetime.timedelta(days=rng.randint(30, 3000)),
        )
        org.fields.set(rng.sample(fields, k=2))
        for number in range(2):
            Contact.objects.create(
                organisation=org,
                name=f"Person {number + 1} {name.split()[0]}",
                email=f"person{number + 1}@{slug}.example.org",
                function=FUNCTIONS[(index + number) % len(FUNCTIONS)],
                is_representative=number == 0,
                public_consent_at=timezone.now() if number == 0 else None,
            )

    partner = Organisation.objects.get(slug=slugify(PARTNER_NAMES[0]))
    partner_user = _user("partner@example.org", "Pat Partner", password)
    Contact.objects.create(
        organisation=partner,
        user=partner_user,
        name="Pat Partner",
        email="partner@example.org",
        function="Vorstand",
        is_representative=True,
        public_consent_at=timezone.now(),
    )
    stdout.write(f"Partner: {Organisation.objects.count()} Organisationen angelegt.")
    return _logins()


def _logins():
    return [
        ("koordination@example.org", "Koordination (Landeshauptstadt Hannover)"),
        ("partner@example.org", f"Vertretung von {PARTNER_NAMES[0]}"),
    ]
