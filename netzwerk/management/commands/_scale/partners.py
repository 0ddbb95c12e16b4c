"""Scale partners: 10,000 organisations with contacts and declarations by default."""

import datetime

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from core.network import get_network
from core.search import german_slug
from netzwerk.management.commands.seed_demo import DEMO_PASSWORD
from partners.models import (
    AgreementVersion,
    Contact,
    Declaration,
    FieldOfEngagement,
    Organisation,
    organisation_search_text,
)

DOMAIN = "scale.example.org"
KINDS = [
    "Nachbarschaftshilfe",
    "Bürgerverein",
    "Sportverein",
    "Kulturinitiative",
    "Umweltgruppe",
    "Lernpaten",
    "Seniorentreff",
    "Jugendforum",
    "Familienzentrum",
    "Repair-Café",
    "Tafel",
    "Lesepaten",
]
BATCH = 250


def _email(number):
    return f"vertretung-{number:05d}@{DOMAIN}"


def scale_organisations():
    return Organisation.objects.filter(website__endswith=f".{DOMAIN}/").order_by("pk")


def partners(seed, count):
    User = get_user_model()
    existing = scale_organisations().count()
    password = make_password(DEMO_PASSWORD)
    fields = list(FieldOfEngagement.objects.all())
    version = AgreementVersion.objects.current()
    made = 0
    for start in range(existing, count, BATCH):
        numbers = range(start + 1, min(start + BATCH, count) + 1)
        with transaction.atomic():
            users = User.objects.bulk_create(
                User(email=_email(n), name=f"Vertretung {n:05d}", password=password)
                for n in numbers
            )
            EmailAddress.objects.bulk_create(
                EmailAddress(user=u, email=u.email, verified=True, primary=True) for u in users
            )
            pairs = list(zip(numbers, users, strict=True))
            through = [p for p in pairs if p[0] <= seed.through_services]
            bulk = [p for p in pairs if p[0] > seed.through_services]
            organisations = [_partner_through_services(seed, fields, n, u) for n, u in through]
            organisations += _partners_in_bulk(seed, fields, version, bulk)
            # A second contact without account, as invited colleagues start out.
            bulk_create_with_history(
                [
                    Contact(
                        organisation=organisation,
                        name=f"Kollegin {number:05d}",
                        email=f"team-{number:05d}@{DOMAIN}",
                        function="Koordination Ehrenamt",
                        public_consent_at=timezone.now() if number % 2 else None,
                    )
                    for number, organisation in zip(numbers, organisations, strict=True)
                ],
                Contact,
            )
        made += len(numbers)
        seed.stdout.write(f"  Partner: {start + len(numbers)}/{count}")
    return made


def _profile(number):
    districts = get_network().districts
    district, label = districts[number % len(districts)]
    kind = KINDS[number % len(KINDS)]
    return {
        "name": f"{kind} {label} {number:05d}",
        "legal_form": "e. V.",
        "district": district,
        "street": f"Beispielweg {number % 200 + 1}",
        "postal_code": f"30{number % 600 + 100}",
        "city": get_network().city,
        "website": f"https://p{number:05d}.{DOMAIN}/",
        "email": f"kontakt-{number:05d}@{DOMAIN}",
        "phone": "",
        "description": (
            f"{kind} im Stadtbezirk {label}: Wir bringen Menschen zusammen und laden "
            "alle ein, sich freiwillig zu engagieren."
        ),
    }


def _partner_through_services(seed, fields, number, user):
    """Application, declaration and approval, exactly as on the site."""
    from partners import services

    organisation = services.save_application(
        by=user,
        data=_profile(number),
        fields=seed.rng.sample(fields, k=min(2, len(fields))),
        contact={"name": user.name, "function": "Vorstand"},
    )
    services.sign_declaration(
        organisation=organisation,
        by=user,
        full_name=user.name,
        function="Vorstand",
        place=get_network().city,
    )
    return services.approve_application(organisation=organisation, by=seed.coordinator)


def _partners_in_bulk(seed, fields, version, pairs):
    """The rows the three services write (with history), in a few statements.

    At 90 ms per partner through the services, 10,000 partners would take a
    quarter of an hour; the first `--through-services` partners go the long way.
    """
    if not pairs:
        return []
    now = timezone.now()
    organisations = bulk_create_with_history(
        [
            Organisation(
                **_profile(number),
                slug=german_slug(_profile(number)["name"]),
                # bulk_create skips save(), which keeps the search column in sync.
                search_text=organisation_search_text(
                    _profile(number)["name"], _profile(number)["description"]
                ),
                status=Organisation.Status.ACTIVE,
                applied_at=now - datetime.timedelta(days=number % 3650 + 14),
                joined_on=now.date() - datetime.timedelta(days=number % 3650),
                decided_at=now,
                decided_by=seed.coordinator,
            )
            for number, _user in pairs
        ],
        Organisation,
    )
    # bulk_create_with_history returns the objects with primary keys on PostgreSQL.
    if organisations[0].pk is None:
        slugs = [o.slug for o in organisations]
        by_slug = Organisation.objects.in_bulk(slugs, field_name="slug")
        organisations = [by_slug[slug] for slug in slugs]
    Through = Organisation.fields.through
    Through.objects.bulk_create(
        Through(organisation_id=o.pk, fieldofengagement_id=f.pk)
        for o in organisations
        for f in seed.rng.sample(fields, k=min(2, len(fields)))
    )
    bulk_create_with_history(
        [
            Contact(
                organisation=o,
                user=user,
                name=user.name,
                email=user.email,
                function="Vorstand",
                is_representative=True,
            )
            for o, (_number, user) in zip(organisations, pairs, strict=True)
        ],
        Contact,
    )
    if version is not None:
        declarations = []
        for o, (_number, user) in zip(organisations, pairs, strict=True):
            data = o.public_data()
            declarations.append(
                Declaration(
                    organisation=o,
                    agreement_version=version,
                    signer=user,
                    signer_name=user.name,
                    signer_function="Vorstand",
                    place=get_network().city,
                    signed_at=now,
                    organisation_data=data,
                ).prepare_seal()
            )
        Declaration.objects.bulk_create(declarations)
    return organisations


def representatives(limit):
    """(organisation, user) pairs of scale partners, in a stable order."""
    contacts = (
        Contact.objects.filter(organisation__in=scale_organisations(), user__isnull=False)
        .select_related("organisation", "user")
        .order_by("organisation_id")[:limit]
    )
    return [(c.organisation, c.user) for c in contacts]
