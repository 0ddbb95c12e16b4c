"""Demo partners for `seed_demo`: a plausible, fictional Hannover network (or another
network's, through core.demo_networks: `text()` and `district()` translate the names)."""

import datetime
import random

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone

from core import demo_networks as demo
from core.roles import make_coordinator
from core.search import german_slug
from partners import services
from partners.models import (
    AgreementVersion,
    Contact,
    Declaration,
    District,
    FieldOfEngagement,
    Organisation,
    Sponsor,
)

COORDINATING = [
    ("Landeshauptstadt Hannover", "mitte", "Körperschaft des öffentlichen Rechts"),
    ("Freiwilligenzentrum Hannover", "mitte", "e. V."),
]

# Fictional organisations: no real organisation appears to have signed anything.
# Each sits in the Stadtbezirk its name points to.
PARTNERS = [
    ("Nachbarschaftstreff Lindener Eck", District.LINDEN_LIMMER),
    ("Bürgerverein Vahrenwald-List", District.VAHRENWALD_LIST),
    ("Kulturkiste Bothfeld", District.BOTHFELD_VAHRENHEIDE),
    ("Sportfreunde Kleefeld", District.BUCHHOLZ_KLEEFELD),
    ("Umweltwerkstatt Misburg", District.MISBURG_ANDERTEN),
    ("Lernpaten Bemerode", District.KIRCHRODE_BEMERODE_WUELFERODE),
    ("Seniorennetz Südstadt", District.SUEDSTADT_BULT),
    ("Jugendforum Döhren", District.DOEHREN_WUELFEL),
    ("Gemeinschaftsgarten Ricklingen", District.RICKLINGEN),
    ("Stadtteilinitiative Limmer", District.LINDEN_LIMMER),
    ("Familienzentrum Ahlem", District.AHLEM_BADENSTEDT_DAVENSTEDT),
    ("Integrationslotsen Stöcken", District.HERRENHAUSEN_STOECKEN),
    ("Hannover Nord hilft", District.NORD),
    ("Lesewelt Mitte", District.MITTE),
    ("Repair-Café List", District.VAHRENWALD_LIST),
    ("Tafelrunde Vahrenheide", District.BOTHFELD_VAHRENHEIDE),
    ("Musikschule am Kanal", District.NORD),
    ("Welcome Café Badenstedt", District.AHLEM_BADENSTEDT_DAVENSTEDT),
    ("Quartiersrat Sahlkamp", District.BOTHFELD_VAHRENHEIDE),
    ("Mentoring Hannover", District.MITTE),
    ("Naturschutzjugend Wülferode", District.KIRCHRODE_BEMERODE_WUELFERODE),
    ("Seniorenbüro Buchholz", District.BUCHHOLZ_KLEEFELD),
    ("Kinderkulturhaus Linden", District.LINDEN_LIMMER),
    ("Zeitspender Hannover", District.RICKLINGEN),
    ("Bürgerstiftung am Maschsee", District.SUEDSTADT_BULT),
    ("Stadtteilküche Herrenhausen", District.HERRENHAUSEN_STOECKEN),
    ("Engagiert in Anderten", District.MISBURG_ANDERTEN),
    ("Vielfalt Davenstedt", District.AHLEM_BADENSTEDT_DAVENSTEDT),
    ("Sprachcafé Südstadt", District.SUEDSTADT_BULT),
    ("Ehrenamtsbörse Döhren", District.DOEHREN_WUELFEL),
    ("Fahrradwerkstatt Nordstadt", District.NORD),
    ("Besuchsdienst Kirchrode", District.KIRCHRODE_BEMERODE_WUELFERODE),
    ("Tanzhaus Ricklingen", District.RICKLINGEN),
    ("Demokratiewerkstatt Mitte", District.MITTE),
    ("Nachbarschaftshilfe Bult", District.SUEDSTADT_BULT),
    ("Theatergruppe Limmerstraße", District.LINDEN_LIMMER),
    ("Sportverein Misburg 1912", District.MISBURG_ANDERTEN),
    ("Lesepaten Herrenhausen", District.HERRENHAUSEN_STOECKEN),
    ("Inklusionsnetz Hannover", District.BUCHHOLZ_KLEEFELD),
    ("Generationenhaus Wülfel", District.DOEHREN_WUELFEL),
]
PARTNER_NAMES = [name for name, _district in PARTNERS]

FUNCTIONS = ["Vorstand", "Geschäftsführung", "Koordination Ehrenamt", "Projektleitung"]


def _user(email, name, password):
    User = get_user_model()
    user, created = User.objects.get_or_create(email=email, defaults={"name": name})
    if created:
        user.set_password(password)
        user.save()
        EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


def seed(*, stdout, password):
    # Demo addresses are fictional: the services' notices stay in memory, not on the console.
    # The demo coordinator decides the rejected application from the shell, without the
    # second factor the web asks of coordinators (as in seed_demo).
    with override_settings(
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        MFA_REQUIRED_FOR_COORDINATORS=False,
    ):
        return _seed(stdout=stdout, password=password)


@transaction.atomic
def _seed(*, stdout, password):
    if Organisation.objects.filter(slug=german_slug(demo.text(COORDINATING[0][0]))).exists():
        stdout.write("Partner: bereits vorhanden, übersprungen.")
        _states(password=password)
        return _logins()
    rng = random.Random(2026)  # noqa: S311 - demo data, not security
    today = timezone.localdate()
    fields = list(FieldOfEngagement.objects.all())

    coordinator = _user("koordination@example.org", "Kim Koordination", password)
    make_coordinator(coordinator)
    if demo.current() is not demo.HANNOVER:
        _agreement_of_the_network(coordinator)
    for index, (hannover_name, district, legal_form) in enumerate(COORDINATING):
        name = demo.text(hannover_name)
        city_hall = index == 0  # the Landeshauptstadt
        org = Organisation.objects.create(
            name=name,
            slug=german_slug(name),
            legal_form=legal_form,
            district=demo.district(district),
            status=Organisation.Status.ACTIVE,
            joined_on=datetime.date(2015, 1, 1),
            is_coordinating=True,
            description=demo.text(
                "Koordiniert das Netzwerk Bürgermitwirkung gemeinsam mit dem Partner."
            ),
            website="https://example.org/",
        )
        Contact.objects.create(
            organisation=org,
            user=coordinator if city_hall else None,
            name="Kim Koordination" if city_hall else "Fritzi Freiwillig",
            email="koordination@example.org" if city_hall else "fzh@example.org",
            function="Koordination des Netzwerks",
            is_representative=True,
            public_consent_at=timezone.now(),
        )

    for index, name in enumerate(map(demo.text, PARTNER_NAMES)):
        slug = german_slug(name)
        org = Organisation.objects.create(
            name=name,
            slug=slug,
            legal_form=rng.choice(["e. V.", "gGmbH", "Initiative", "Stiftung"]),
            district=demo.district(PARTNERS[index][1]),
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

    partner = Organisation.objects.get(slug=german_slug(demo.text(PARTNER_NAMES[0])))
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
    coordinator_orgs = list(Organisation.objects.coordinating())
    for index, org in enumerate(
        Organisation.objects.filter(
            slug__in=[german_slug(demo.text(n)) for n in PARTNER_NAMES[20:26]]
        )
    ):
        org.recruited_by = coordinator_orgs[index % 2] if index % 3 else partner
        org.joined_on = today - datetime.timedelta(days=index + 1)
        org.save(update_fields=["recruited_by", "joined_on"])
    _declarations(partner=partner, partner_user=partner_user, today=today)
    _sponsors()
    _application(password=password, recruited_by=partner)
    # A partner that left: its exit was declared (before the platform, on paper) for
    # today and is carried out as the task worker would.
    leaving = Organisation.objects.get(slug=german_slug(demo.text(PARTNER_NAMES[-2])))
    leaving.exit_declared_at = timezone.now()
    leaving.exit_on = today
    leaving.save(update_fields=["exit_declared_at", "exit_on"])
    services.carry_out_exit(organisation=leaving)
    _states(password=password)
    stdout.write(f"Partner: {Organisation.objects.count()} Organisationen angelegt.")
    return _logins()


def _agreement_of_the_network(coordinator):
    """Another network's own agreement: Hannover's text in its words, as version 2.

    In force since just after version 1, so the demo partners (who joined up to eight
    years ago) signed it; version 1 stays, as every published version does.
    """
    first = AgreementVersion.objects.order_by("number").first()
    services.publish_agreement_version(
        by=coordinator,
        title=demo.text(first.title),
        text=demo.text(first.text),
        valid_from=first.valid_from + datetime.timedelta(days=1),
    )


def _declarations(*, partner, partner_user, today):
    version = AgreementVersion.objects.current()
    services.sign_declaration(
        organisation=partner,
        by=partner_user,
        full_name="Pat Partner",
        function="Vorstand",
        place=demo.text("Hannover"),
        agreement_version=version,
    )
    # The other demo partners signed before the platform existed, on paper; their
    # declarations are entered with the representative's name and no account.
    for org in Organisation.objects.active().without_declaration_of(version):
        contact = org.contacts.representatives().first()
        Declaration.objects.create(
            organisation=org,
            agreement_version=version,
            signer_name=contact.name,
            signer_function=contact.function,
            place=demo.text("Hannover"),
            signed_at=timezone.make_aware(
                datetime.datetime.combine(org.joined_on, datetime.time(10, 0))
            ),
            organisation_data=org.public_data(),
        )


def _sponsors():
    for name, since in [
        ("Stiftung Engagement Hannover (fiktiv)", datetime.date(2016, 1, 1)),
        ("Sparverein Leine (fiktiv)", datetime.date(2019, 5, 1)),
        ("Stadtwerke-Freundeskreis (fiktiv)", datetime.date(2022, 3, 1)),
    ]:
        name = demo.text(name)
        Sponsor.objects.create(
            name=name,
            since=since,
            shown=True,
            website=f"https://{german_slug(name)}.example.org/",
        )


def _application(*, password, recruited_by):
    applicant = _user("bewerbung@example.org", "Alex Anfang", password)
    organisation = services.save_application(
        by=applicant,
        data={
            "name": "Nachbarschaftsnetz Groß-Buchholz",
            "legal_form": "e. V.",
            "district": demo.district(District.BUCHHOLZ_KLEEFELD),
            "street": "Probeweg 3",
            "postal_code": "30655",
            "city": demo.text("Hannover"),
            "website": "https://nachbarschaftsnetz-buchholz.example.org/",
            "email": "kontakt@nachbarschaftsnetz-buchholz.example.org",
            "phone": "",
            "description": "Ein junger Verein, der Nachbarinnen und Nachbarn zusammenbringt.",
        },
        fields=FieldOfEngagement.objects.filter(slug__in=["nachbarschaft", "soziales"]),
        recruited_by=recruited_by,
        contact={"name": "Alex Anfang", "function": "Vorstand"},
    )
    services.sign_declaration(
        organisation=organisation,
        by=applicant,
        full_name="Alex Anfang",
        function="Vorstand",
        place=demo.text("Hannover"),
    )


# The states between applying and leaving, each with a login, so that /konto/ and
# /mein-netzwerk/ can be seen as each of them (the pending application is
# `_application`'s): a rejected application, a partner whose exit is declared, and a
# contact of the partner that left.
REJECTED_NAME = "Initiative Probebühne Nord"
EXIT_DECLARED_NAME = PARTNER_NAMES[-3]  # Lesepaten Herrenhausen
LEFT_NAME = PARTNER_NAMES[-2]  # Inklusionsnetz Hannover, left in `_seed`


def _states(*, password):
    """Build each state once; also into a demo network seeded before they existed."""
    coordinator = get_user_model().objects.get(email="koordination@example.org")
    if not Contact.objects.filter(email="abgelehnt@example.org").exists():
        _rejected(password=password, coordinator=coordinator)
    exiting = Organisation.objects.filter(slug=german_slug(demo.text(EXIT_DECLARED_NAME))).first()
    if exiting is not None and not exiting.contacts.filter(email="austritt@example.org").exists():
        user = _user("austritt@example.org", "Erik Ende", password)
        Contact.objects.create(
            organisation=exiting,
            user=user,
            name="Erik Ende",
            email=user.email,
            function="Vorstand",
            is_representative=True,
        )
        if exiting.is_active and not exiting.exit_declared_at:
            services.declare_exit(
                organisation=exiting,
                by=user,
                exit_on=timezone.localdate() + datetime.timedelta(days=90),
                reason="Der Verein löst sich zum Jahresende auf.",
            )
    left = Organisation.objects.filter(slug=german_slug(demo.text(LEFT_NAME))).first()
    if left is not None and not left.contacts.filter(email="ausgetreten@example.org").exists():
        user = _user("ausgetreten@example.org", "Ina Ehemals", password)
        Contact.objects.create(
            organisation=left,
            user=user,
            name="Ina Ehemals",
            email=user.email,
            function="Geschäftsführung",
            is_representative=True,
        )


def _rejected(*, password, coordinator):
    applicant = _user("abgelehnt@example.org", "Rene Rückfrage", password)
    organisation = services.save_application(
        by=applicant,
        data={
            "name": REJECTED_NAME,
            "legal_form": "Initiative",
            "district": demo.district(District.NORD),
            "street": "Bühnenweg 7",
            "postal_code": "30167",
            "city": demo.text("Hannover"),
            "website": "",
            "email": "",
            "phone": "",
            "description": "Eine Theatergruppe, die noch einen festen Probenort sucht.",
        },
        fields=FieldOfEngagement.objects.filter(slug__in=["kultur"]),
        contact={"name": "Rene Rückfrage", "function": "Sprecher"},
    )
    services.sign_declaration(
        organisation=organisation,
        by=applicant,
        full_name="Rene Rückfrage",
        function="Sprecher",
        place=demo.text("Hannover"),
    )
    services.reject_application(
        organisation=organisation,
        by=coordinator,
        reason=(
            demo.text("Die Initiative hat noch keinen Sitz in Hannover. ")
            + "Bitte bewerben Sie sich erneut, sobald Sie einen Probenort in der Stadt gefunden haben."
        ),
    )


def _logins():
    return [
        ("koordination@example.org", f"Koordination ({demo.text(COORDINATING[0][0])})"),
        ("partner@example.org", f"Vertretung von {demo.text(PARTNER_NAMES[0])}"),
        ("bewerbung@example.org", "offene Bewerbung (Nachbarschaftsnetz Groß-Buchholz)"),
        ("abgelehnt@example.org", f"abgelehnte Bewerbung ({REJECTED_NAME})"),
        ("austritt@example.org", f"Austritt erklärt ({demo.text(EXIT_DECLARED_NAME)})"),
        ("ausgetreten@example.org", f"ausgetreten ({demo.text(LEFT_NAME)})"),
    ]
