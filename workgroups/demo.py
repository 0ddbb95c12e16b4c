"""Demo working groups for `seed_demo`: four groups, one of them closed.

A group is founded only on an adopted resolution of a held Netzwerktreffen. The
meetings demo (which runs first, INSTALLED_APPS order) holds last year's and this
year's plenaries, whose minutes are approved and final by now; the groups are older.
So this demo holds their founding plenaries itself, two and four years back (in
autumn, before any programme-adopting plenary), through meetings' services, and the
other plenaries of those years, so that the yearly check shows a network that met
three times a year.
"""

import datetime
import io

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from core import demo_networks as demo
from meetings import services as meeting_services
from meetings.models import BERLIN, Meeting, WorkProgrammeItem, this_year
from partners.models import Contact, Organisation
from workgroups import services
from workgroups.models import WorkingGroup

GROUPS = [
    {
        "name": "Engagement im Quartier",
        "topic": "Nachbarschaft und Stadtteilarbeit",
        "description": (
            "Wir bringen Initiativen aus den Stadtteilen zusammen: Wer macht was im Quartier, "
            "wo fehlen Freiwillige, welche Räume lassen sich teilen?\n\n"
            "- Stadtteilrundgänge\n- gemeinsame Aktionstage\n- Austausch über Fördermittel"
        ),
        "access": WorkingGroup.Access.OPEN,
        "lead": "Nachbarschaftstreff Lindener Eck",
        "lead_email": "partner@example.org",
        "founding_plenary": 2,
        "founded_days_after": 14,
        "members": 6,
        "meetings_days_ago": [120, 30],
        "next_meeting_in_days": 21,
    },
    {
        "name": "Digitale Beteiligung",
        "topic": "Online mitreden und mitmachen",
        "description": (
            "Wie können Menschen digital an Entscheidungen im Stadtteil teilhaben? Wir testen "
            "Werkzeuge, teilen Erfahrungen und schreiben eine Handreichung für die Partner."
        ),
        "access": WorkingGroup.Access.REQUEST,
        "lead": "Freiwilligenzentrum Hannover",
        "lead_email": "fzh@example.org",
        "founding_plenary": 2,
        "founded_days_after": 60,
        "members": 4,
        "meetings_days_ago": [60],
        "next_meeting_in_days": 10,
    },
    {
        "name": "Anerkennungskultur",
        "topic": "Danke sagen für freiwilliges Engagement",
        "description": (
            "Ehrenamt braucht Anerkennung: Wir sammeln gute Beispiele, von der Ehrenamtskarte "
            "bis zum Dankeschön-Fest, und bereiten einen gemeinsamen Aktionstag vor."
        ),
        "access": WorkingGroup.Access.OPEN,
        "lead": "Zeitspender Hannover",
        "lead_email": None,
        "founding_plenary": 4,
        "founded_days_after": 21,
        "members": 5,
        # No meeting for eight months: the coordination overview shows it.
        "meetings_days_ago": [240],
        "next_meeting_in_days": None,
    },
    {
        "name": "Freiwilligenbörse",
        "topic": "Eine gemeinsame Börse für Einsatzstellen",
        "description": (
            "Die Gruppe hat die gemeinsame Freiwilligenbörse vorbereitet; seit sie läuft, "
            "kümmert sich das Freiwilligenzentrum darum. Die Gruppe ist abgeschlossen."
        ),
        "access": WorkingGroup.Access.OPEN,
        "lead": "Ehrenamtsbörse Döhren",
        "lead_email": None,
        "founding_plenary": 4,
        "founded_days_after": 14,
        "members": 3,
        "meetings_days_ago": [700, 500],
        "next_meeting_in_days": None,
        "closed": True,
    },
]


def _pdf(title, lines):
    """A small one-page PDF made with reportlab."""
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    pdf.setTitle(title)
    pdf.setFont("Helvetica-Bold", 16)
    pdf.drawString(72, 770, title)
    pdf.setFont("Helvetica", 11)
    for index, line in enumerate(lines):
        pdf.drawString(72, 740 - index * 18, line)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def _lead_contact(organisation, email):
    contacts = Contact.objects.filter(organisation=organisation)
    if email:
        contacts = contacts.filter(email=email)
    return contacts.order_by("-is_representative", "pk").first()


def _held_meeting(group, days_ago, by):
    # Past meetings cannot be planned through the service; they are recorded as held.
    start = (timezone.now() - datetime.timedelta(days=days_ago)).replace(
        hour=17, minute=0, second=0, microsecond=0
    )
    meeting = Meeting.objects.create(
        kind=Meeting.Kind.WORKGROUP,
        workgroup=group,
        title=f"Treffen der Arbeitsgruppe {group.name}",
        start=start,
        end=start + datetime.timedelta(hours=2),
        place=demo.text("Freiwilligenzentrum Hannover, Karmarschstraße 30"),
        status=Meeting.Status.HELD,
        created_by=by,
        invitation_sent_at=start - datetime.timedelta(days=14),
    )
    meeting.agenda_items.create(order=1, title="Begrüßung und Rückblick", is_public=True)
    meeting.agenda_items.create(
        order=2,
        title="Stand der Vorhaben",
        minutes=(
            "Die Mitglieder berichten vom Stand ihrer Vorhaben. **Vereinbart:** Bis zum "
            "nächsten Treffen sammelt jede Organisation zwei gute Beispiele."
        ),
    )
    return meeting


def _founding_plenary(years_back, specs, *, organisations, by):
    """A held Netzwerktreffen that adopted the founding of `specs`' groups: {name: resolution}."""
    year = this_year() - years_back
    start = datetime.datetime(year, 9, 24, 17, 0, tzinfo=BERLIN)
    meeting = meeting_services.create_meeting(
        by=by,
        kind=Meeting.Kind.PLENARY,
        title=f"Netzwerktreffen im Herbst {year}",
        start=start,
        end=start + datetime.timedelta(hours=2, minutes=30),
        place=demo.text("Freiwilligenzentrum Hannover, Karmarschstraße 30/32, 30159 Hannover"),
        description="Das Netzwerk berät und beschließt die Gründung von Arbeitsgruppen.",
    )
    item = meeting_services.add_agenda_item(
        meeting=meeting, by=by, order=1, title="Gründung von Arbeitsgruppen", is_public=True
    )
    meeting_services.record_attendance(meeting=meeting, organisations=organisations, by=by)
    resolutions = {}
    for spec in specs:
        resolutions[spec["name"]] = meeting_services.record_resolution(
            agenda_item=item,
            by=by,
            text=(
                f"Das Netzwerk gründet die Arbeitsgruppe „{spec['name']}“ zum Thema "
                f"„{spec['topic']}“; die Leitung übernimmt {demo.text(spec['lead'])}."
            ),
            votes_yes=len(organisations) - 2,
            votes_no=1,
            votes_abstain=1,
            is_public=True,
        )
    return resolutions


def _history_plenaries(years_back, *, founding, organisations, by):
    """Held Netzwerktreffen in spring and summer (and autumn, without a founding plenary)."""
    year = this_year() - years_back
    dates = [(3, 12, "Frühjahr"), (6, 18, "Sommer")]
    if not founding:
        dates.append((9, 24, "Herbst"))
    for month, day, season in dates:
        start = datetime.datetime(year, month, day, 17, 0, tzinfo=BERLIN)
        meeting = meeting_services.create_meeting(
            by=by,
            kind=Meeting.Kind.PLENARY,
            title=f"Netzwerktreffen im {season} {year}",
            start=start,
            end=start + datetime.timedelta(hours=2),
            place=demo.text("Freiwilligenzentrum Hannover, Karmarschstraße 30/32, 30159 Hannover"),
        )
        meeting_services.record_attendance(meeting=meeting, organisations=organisations, by=by)


@transaction.atomic
def seed(*, stdout, password):
    if WorkingGroup.objects.filter(slug="engagement-im-quartier").exists():
        stdout.write("Arbeitsgruppen: bereits vorhanden, übersprungen.")
        return []
    coordinator = get_user_model().objects.filter(email="koordination@example.org").first()
    if coordinator is None:
        stdout.write("Arbeitsgruppen: keine Koordination vorhanden, übersprungen.")
        return []
    partners = list(Organisation.objects.active().filter(is_coordinating=False).order_by("name"))
    attending = list(Organisation.objects.active().order_by("pk")[:12])
    resolutions = {}
    founding_years = {spec["founding_plenary"] for spec in GROUPS}
    for years_back in sorted(founding_years, reverse=True):
        specs = [spec for spec in GROUPS if spec["founding_plenary"] == years_back]
        resolutions.update(
            _founding_plenary(years_back, specs, organisations=attending, by=coordinator)
        )
    # The network met three times in each of those years, as it does every year.
    for years_back in range(max(founding_years), min(founding_years) - 1, -1):
        _history_plenaries(
            years_back,
            founding=years_back in founding_years,
            organisations=attending,
            by=coordinator,
        )
    for index, spec in enumerate(GROUPS):
        resolution = resolutions[spec["name"]]
        founded_on = timezone.localtime(
            resolution.agenda_item.meeting.start
        ).date() + datetime.timedelta(days=spec["founded_days_after"])
        lead = Organisation.objects.get(name=demo.text(spec["lead"]))
        group = services.found_group(
            name=spec["name"],
            topic=spec["topic"],
            description=demo.text(spec["description"]),
            access=spec["access"],
            lead_organisation=lead,
            lead_contact=_lead_contact(lead, spec["lead_email"]),
            founded_on=founded_on,
            founding_resolution=resolution,
            by=coordinator,
        )
        candidates = [o for o in partners if o.pk != lead.pk]
        for organisation in candidates[index * 3 : index * 3 + spec["members"]]:
            services.add_member(group=group, organisation=organisation, by=coordinator)
        for days_ago in spec["meetings_days_ago"]:
            _held_meeting(group, days_ago, coordinator)
        if spec["next_meeting_in_days"]:
            start = (
                timezone.now() + datetime.timedelta(days=spec["next_meeting_in_days"])
            ).replace(hour=17, minute=0, second=0, microsecond=0)
            services.schedule_group_meeting(
                group=group,
                by=coordinator,
                title=f"Treffen der Arbeitsgruppe {group.name}",
                start=start,
                end=start + datetime.timedelta(hours=2),
                place="Freizeitheim Linden, Windheimstraße 4",
                description="Wir planen die nächsten Schritte. Gäste aus dem Netzwerk sind willkommen.",
                notify=False,
            )
        services.add_document(
            group=group,
            title=f"Steckbrief {group.name}",
            file=ContentFile(
                _pdf(group.name, [spec["topic"], "Ziele, Mitglieder und Ansprechpersonen"]),
                name="steckbrief.pdf",
            ),
            is_public=True,
            by=coordinator,
        )
        services.add_document(
            group=group,
            title="Protokoll des letzten Treffens",
            file=ContentFile(
                _pdf(f"Protokoll – {group.name}", ["Nur für Mitglieder der Arbeitsgruppe."]),
                name="protokoll.pdf",
            ),
            is_public=False,
            by=coordinator,
        )
        if spec.get("closed"):
            services.close_group(group=group, by=coordinator)
    _assign_programme_items()
    stdout.write(f"Arbeitsgruppen: {len(GROUPS)} Gruppen angelegt.")
    return []


def _assign_programme_items():
    """Give the active groups responsibility for unassigned work-programme items, if any."""
    groups = list(WorkingGroup.objects.active().order_by("name"))
    items = WorkProgrammeItem.objects.filter(responsible_workgroup__isnull=True).order_by(
        "-programme__year", "order", "pk"
    )[: len(groups)]
    for group, item in zip(groups, items, strict=False):
        item.responsible_workgroup = group
        item.save(update_fields=["responsible_workgroup", "updated_at"])
