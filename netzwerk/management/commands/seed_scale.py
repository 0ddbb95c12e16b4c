"""A large network for the benchmark (`make bench`), built through the apps' services.

On top of `seed_demo` (whose demo logins keep working) it adds, by default, 10,000
partners with contacts and declarations, 300 meetings with minutes, 50 elections
with ballots, 1,000 posts and 100 working groups. Each part counts what an earlier
run already made and only adds the rest, so running it twice changes nothing.

Speed: every batch is one transaction; mail goes to a dummy task backend (the
addresses are fictional and nobody reads them); passwords are hashed once.
"""

import datetime
import random
import time

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.test.utils import override_settings
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
TOPICS = [
    "Engagement im Quartier",
    "Digitale Teilhabe",
    "Klimaschutz vor Ort",
    "Inklusion",
    "Ehrenamt im Alter",
    "Jugendbeteiligung",
]
BATCH = 250


def _email(number):
    return f"vertretung-{number:05d}@{DOMAIN}"


class Command(BaseCommand):
    help = "Baut ein großes Netzwerk für den Benchmark (über die Services der Apps)."

    def add_arguments(self, parser):
        parser.add_argument("--partners", type=int, default=10_000)
        parser.add_argument(
            "--through-services",
            type=int,
            default=500,
            help="So viele Partner durchlaufen Bewerbung, Erklärung und Aufnahme einzeln.",
        )
        parser.add_argument("--meetings", type=int, default=300)
        parser.add_argument("--elections", type=int, default=50)
        parser.add_argument("--posts", type=int, default=1_000)
        parser.add_argument("--groups", type=int, default=100)
        parser.add_argument(
            "--force",
            action="store_true",
            help="Auch ohne DEBUG ausführen (nur für Benchmarks).",
        )

    def handle(self, *args, **options):
        if not settings.DEBUG and not options["force"]:
            raise CommandError(
                "seed_scale legt Konten mit bekanntem Passwort an und läuft deshalb nur "
                "mit DEBUG=true (oder mit --force für den Benchmark)."
            )
        self.through_services = options["through_services"]
        self.rng = random.Random(8)  # noqa: S311 - benchmark data, not security
        # No mail leaves the seed: the dummy backend drops the queued messages. The shell
        # seeds, not a web session: no second factor asked of the demo coordinator.
        with override_settings(
            MFA_REQUIRED_FOR_COORDINATORS=False,
            TASKS={
                "default": {
                    "BACKEND": "django.tasks.backends.dummy.DummyBackend",
                    "QUEUES": ["default", "mail"],
                }
            },
            EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        ):
            call_command("seed_demo", force=True, stdout=self.stdout)
            self.coordinator = get_user_model().objects.get(email="koordination@example.org")
            for step, count in [
                (self.partners, options["partners"]),
                (self.meetings, options["meetings"]),
                (self.elections, options["elections"]),
                (self.posts, options["posts"]),
                (self.groups, options["groups"]),
            ]:
                started = time.monotonic()
                made = step(count)
                self.stdout.write(
                    f"{step.__name__}: {made} neu in {time.monotonic() - started:.1f} s"
                )
        if connection.vendor == "postgresql":
            # Fresh statistics after the bulk load, so the planner picks the indexes;
            # VACUUM also moves the trigram indexes' pending entries into the index,
            # without which the directory's search scans all 10,000 rows.
            with connection.cursor() as cursor:
                # (VACUUM cannot run in a transaction, as in the tests.)
                cursor.execute("ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE")
        self.stdout.write(self.style.SUCCESS("Skalierungsdaten sind bereit."))

    # Partners ---------------------------------------------------------------

    def _scale_organisations(self):
        return Organisation.objects.filter(website__endswith=f".{DOMAIN}/").order_by("pk")

    def partners(self, count):
        User = get_user_model()
        existing = self._scale_organisations().count()
        password = make_password(DEMO_PASSWORD)
        self.fields = list(FieldOfEngagement.objects.all())
        self.version = AgreementVersion.objects.current()
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
                through = [p for p in pairs if p[0] <= self.through_services]
                bulk = [p for p in pairs if p[0] > self.through_services]
                organisations = [self._partner_through_services(n, u) for n, u in through]
                organisations += self._partners_in_bulk(bulk)
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
            self.stdout.write(f"  Partner: {start + len(numbers)}/{count}")
        return made

    def _profile(self, number):
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

    def _partner_through_services(self, number, user):
        """Application, declaration and approval, exactly as on the site."""
        from partners import services

        organisation = services.save_application(
            by=user,
            data=self._profile(number),
            fields=self.rng.sample(self.fields, k=min(2, len(self.fields))),
            contact={"name": user.name, "function": "Vorstand"},
        )
        services.sign_declaration(
            organisation=organisation,
            by=user,
            full_name=user.name,
            function="Vorstand",
            place=get_network().city,
        )
        return services.approve_application(organisation=organisation, by=self.coordinator)

    def _partners_in_bulk(self, pairs):
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
                    **self._profile(number),
                    slug=german_slug(self._profile(number)["name"]),
                    # bulk_create skips save(), which keeps the search column in sync.
                    search_text=organisation_search_text(
                        self._profile(number)["name"], self._profile(number)["description"]
                    ),
                    status=Organisation.Status.ACTIVE,
                    applied_at=now - datetime.timedelta(days=number % 3650 + 14),
                    joined_on=now.date() - datetime.timedelta(days=number % 3650),
                    decided_at=now,
                    decided_by=self.coordinator,
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
            for f in self.rng.sample(self.fields, k=min(2, len(self.fields)))
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
        if self.version is not None:
            declarations = []
            for o, (_number, user) in zip(organisations, pairs, strict=True):
                data = o.public_data()
                declarations.append(
                    Declaration(
                        organisation=o,
                        agreement_version=self.version,
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

    def _representatives(self, limit):
        """(organisation, user) pairs of scale partners, in a stable order."""
        contacts = (
            Contact.objects.filter(organisation__in=self._scale_organisations(), user__isnull=False)
            .select_related("organisation", "user")
            .order_by("organisation_id")[:limit]
        )
        return [(c.organisation, c.user) for c in contacts]

    # Meetings ---------------------------------------------------------------

    def meetings(self, count):
        from meetings import services
        from meetings.models import BERLIN, AgendaItem, Meeting

        marker = "Skalierungstreffen"
        existing = Meeting.objects.filter(title__startswith=marker).count()
        attendees = [o for o, _ in self._representatives(40)]
        now = timezone.now()
        made = 0
        for start in range(existing, count, 50):
            with transaction.atomic():
                for number in range(start, min(start + 50, count)):
                    day = (now - datetime.timedelta(days=12 * (number + 1))).astimezone(BERLIN)
                    begin = day.replace(hour=17, minute=0, second=0, microsecond=0)
                    meeting = Meeting.objects.create(
                        title=f"{marker} {number + 1:03d}",
                        start=begin,
                        end=begin + datetime.timedelta(hours=2),
                        place="Freiwilligenzentrum Hannover, Karmarschstraße 30/32",
                        description="Netzwerktreffen mit Berichten und Beschlüssen.",
                        created_by=self.coordinator,
                    )
                    items = AgendaItem.objects.bulk_create(
                        AgendaItem(meeting=meeting, order=order, title=title, is_public=public)
                        for order, title, public in [
                            (1, "Begrüßung", True),
                            (2, "Berichte aus den Arbeitsgruppen", True),
                            (3, "Finanzen", False),
                        ]
                    )
                    services.record_attendance(
                        meeting=meeting,
                        organisations=attendees[: 10 + number % 30],
                        by=self.coordinator,
                    )
                    for item in items:
                        item.minutes = f"Aussprache zu „{item.title}“."
                        item.save(update_fields=["minutes"])
                    for item in items[1:]:
                        services.record_resolution(
                            agenda_item=item,
                            by=self.coordinator,
                            text=f"Das Netzwerk nimmt „{item.title}“ zur Kenntnis.",
                            votes_yes=9,  # one vote per attending organisation
                            votes_no=0,
                            votes_abstain=1,
                            is_public=item.is_public,
                        )
                    made += 1
        return made

    # Elections --------------------------------------------------------------

    def elections(self, count):
        from elections import services
        from elections.models import Election

        marker = "Skalierungswahl"
        existing = Election.objects.filter(title__startswith=marker).count()
        pairs = self._representatives(60)
        candidates, voters = pairs[:4], pairs[4:]
        made = 0
        for number in range(existing, count):
            with transaction.atomic():
                # One seat: the demo's open election holds two of the three, and
                # each of these is counted before the next one opens.
                election = services.create_election(
                    by=self.coordinator, title=f"{marker} {number + 1:02d}", seats=1
                )
                services.open_nominations(election=election, by=self.coordinator)
                nominations = []
                for organisation, user in candidates:
                    nomination = services.nominate_organisation(
                        election=election,
                        organisation=organisation,
                        nominated_by=organisation,
                        by=user,
                    )
                    services.accept_nomination(
                        nomination=nomination, statement="Wir stehen zur Wahl.", by=user
                    )
                    nominations.append(nomination)
                services.open_voting(election=election, by=self.coordinator)
                for index, (organisation, user) in enumerate(voters):
                    services.cast_ballot(
                        election=election,
                        representative=user,
                        organisation=organisation,
                        choices=[nominations[index % 4].pk],
                    )
                services.close_voting(election=election, by=self.coordinator)
            made += 1
        return made

    # Posts ------------------------------------------------------------------

    def posts(self, count):
        from posts import services
        from posts.models import Post

        marker = "Skalierungsmeldung"
        existing = Post.objects.filter(title__startswith=marker).count()
        pairs = self._representatives(200)
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
                    services.publish_post(post=post, by=self.coordinator)
                    made += 1
        return made

    # Working groups ---------------------------------------------------------

    def groups(self, count):
        try:
            from workgroups import services
            from workgroups.models import WorkingGroup
        except ImportError:
            self.stdout.write("  Arbeitsgruppen: App ohne Services, übersprungen.")
            return 0
        marker = "Skalierungsgruppe"
        existing = WorkingGroup.objects.filter(name__startswith=marker).count()
        pairs = self._representatives(300)
        made = 0
        with transaction.atomic():
            founding = None
            for number in range(existing, count):
                lead, _ = pairs[number % len(pairs)]
                name = f"{marker} {number + 1:03d}"
                founding = founding or self._founding_item()
                group = services.found_group(
                    name=name,
                    topic=TOPICS[number % len(TOPICS)],
                    lead_organisation=lead,
                    by=self.coordinator,
                    description="Eine Arbeitsgruppe des Netzwerks.",
                    founding_resolution=self._founding_resolution(founding, name),
                )
                for offset in range(1, 9):
                    member, _ = pairs[(number + offset * 7) % len(pairs)]
                    if member.pk != lead.pk:
                        services.add_member(group=group, organisation=member, by=self.coordinator)
                made += 1
        return made

    def _founding_item(self):
        """An agenda item of the latest held Netzwerktreffen (its minutes not yet approved:
        no later meeting was held) for the scale groups' founding resolutions."""
        from meetings import services
        from meetings.models import Meeting

        meeting = (
            Meeting.objects.plenary().filter(status=Meeting.Status.HELD).order_by("-start").first()
        )
        last = meeting.agenda_items.order_by("-order").values_list("order", flat=True).first()
        return services.add_agenda_item(
            meeting=meeting,
            by=self.coordinator,
            order=(last or 0) + 1,
            title="Gründung der Skalierungsgruppen",
            is_public=True,
        )

    def _founding_resolution(self, item, name):
        """A group is founded only on an adopted resolution: one vote per attendee."""
        from meetings import services

        present = item.meeting.attendances.count()
        return services.record_resolution(
            agenda_item=item,
            by=self.coordinator,
            text=f"Das Netzwerk gründet die Arbeitsgruppe „{name}“.",
            votes_yes=present,
            votes_no=0,
            votes_abstain=0,
            is_public=True,
        )
