"""Demo meetings for `seed_demo`: last year's plenaries, this year's, and the programmes."""

import datetime
import io

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from core import demo_networks as demo
from meetings import services
from meetings.models import BERLIN, Invitation, Meeting, WorkProgrammeItem, this_year
from partners.models import Organisation

PLACE = "Freiwilligenzentrum Hannover, Karmarschstraße 30/32, 30159 Hannover"
# (month, day, title) of the three plenaries of a year.
PLENARIES = [
    (3, 12, "Netzwerktreffen im Frühjahr"),
    (6, 18, "Netzwerktreffen im Sommer"),
    (11, 26, "Netzwerktreffen zum Jahresabschluss"),
]
PROGRAMME_ITEMS = [
    ("Engagementmesse im Neuen Rathaus", "Alle Partner stellen sich vor.", 2),
    ("Fortbildungsreihe „Ehrenamt gut begleiten“", "Vier Abende für Ehrenamtskoordination.", 3),
    ("Stadtteilspaziergänge in drei Bezirken", "Engagement vor Ort sichtbar machen.", 3),
    ("Leitfaden Bürgerbeteiligung in Leichter Sprache", "Mit dem Inklusionsnetz.", 4),
]


def _pdf(title, lines):
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    pdf.setTitle(title)
    pdf.setFont("Helvetica-Bold", 16)
    pdf.drawString(72, 770, title)
    pdf.setFont("Helvetica", 11)
    for number, line in enumerate(lines):
        pdf.drawString(72, 740 - 18 * number, line)
    pdf.showPage()
    pdf.save()
    return ContentFile(buffer.getvalue(), name="dokument.pdf")


def _meeting(year, month, day, title, *, by):
    start = datetime.datetime(year, month, day, 17, 0, tzinfo=BERLIN)
    return services.create_meeting(
        by=by,
        kind=Meeting.Kind.PLENARY,
        title=f"{title} {year}",
        start=start,
        end=start + datetime.timedelta(hours=2, minutes=30),
        place=demo.text(PLACE),
        online_url="https://meet.example.org/netzwerk-buergermitwirkung",
        description=(
            "Das Netzwerktreffen ist offen für alle Partner. Wir berichten aus den "
            "Arbeitsgruppen, beraten und beschließen gemeinsam."
        ),
        rsvp_deadline=start - datetime.timedelta(days=5),
    )


def _agenda(meeting, *, by, previous=None, programme=None):
    items = [dict(order=1, title="Begrüßung und Vorstellungsrunde", is_public=True)]
    if previous is not None:
        items.append(
            dict(
                order=2,
                title="Genehmigung des Protokolls",
                is_public=True,
                approves_minutes_of=previous,
            )
        )
    items.append(
        dict(
            order=3,
            title="Berichte aus den Arbeitsgruppen",
            presenter="Leitungen der Arbeitsgruppen",
            is_public=True,
        )
    )
    items.append(
        dict(
            order=4,
            title="Finanzen und Förderanträge",
            description="Interne Beratung über Fördermittel.",
            is_public=False,
        )
    )
    if programme is not None:
        items.append(
            dict(
                order=5,
                title=f"Beschluss über das Arbeitsprogramm {programme.year}",
                is_public=True,
                work_programme=programme,
            )
        )
    return [services.add_agenda_item(meeting=meeting, by=by, **fields) for fields in items]


def _hold(meeting, items, organisations, *, by):
    """Attendance, minutes and resolutions of a meeting that took place.

    The resolution on a work programme adopts it in the same act (services.record_resolution).
    """
    services.record_attendance(meeting=meeting, organisations=organisations, by=by)
    resolutions = []
    for item in items:
        services.record_minutes(
            item=item,
            by=by,
            minutes=f"Aussprache zu „{item.title}“. Die Anwesenden tauschen sich aus.",
        )
        if item.approves_minutes_of_id:
            resolutions.append(
                services.record_resolution(
                    agenda_item=item,
                    by=by,
                    text="Das Protokoll des vorigen Netzwerktreffens wird genehmigt.",
                    votes_yes=len(organisations) - 2,
                    votes_no=0,
                    votes_abstain=2,
                    is_public=True,
                )
            )
        elif item.work_programme_id:
            resolutions.append(
                services.record_resolution(
                    agenda_item=item,
                    by=by,
                    text=f"Das Netzwerk beschließt das Arbeitsprogramm {item.work_programme.year}.",
                    votes_yes=len(organisations) - 3,
                    votes_no=1,
                    votes_abstain=2,
                    is_public=True,
                )
            )
        elif not item.is_public:
            resolutions.append(
                services.record_resolution(
                    agenda_item=item,
                    by=by,
                    text="Der Antrag auf Fördermittel wird gemeinsam gestellt.",
                    votes_yes=len(organisations) - 4,
                    votes_no=2,
                    votes_abstain=2,
                    is_public=False,
                )
            )
    services.add_document(
        meeting=meeting,
        by=by,
        title=f"Protokoll {meeting.title}",
        file=_pdf(f"Protokoll: {meeting.title}", [i.title for i in items]),
        is_public=False,
    )
    services.add_document(
        meeting=meeting,
        by=by,
        title="Präsentation",
        file=_pdf(meeting.title, [demo.text("Netzwerk Bürgermitwirkung Hannover"), "Präsentation"]),
        is_public=True,
    )
    return resolutions


def _programme(year, *, organisations, by):
    programme = services.create_programme(
        by=by,
        year=year,
        introduction=(
            f"Im Jahr {year} will das Netzwerk Engagement in allen Stadtbezirken sichtbarer "
            "machen und die Partner besser miteinander verbinden."
        ),
    )
    for number, (title, description, quarter) in enumerate(PROGRAMME_ITEMS, start=1):
        services.add_programme_item(
            programme=programme,
            by=by,
            order=number,
            title=title,
            description=description,
            responsible_organisation=organisations[number % len(organisations)],
            target_quarter=quarter,
        )
    return programme


@transaction.atomic
def seed(*, stdout, password):
    if Meeting.objects.exists():
        stdout.write("Treffen: bereits vorhanden, übersprungen.")
        return []
    coordinator = get_user_model().objects.get(email="koordination@example.org")
    organisations = list(Organisation.objects.active().order_by("pk"))
    attending = organisations[: max(len(organisations) * 2 // 3, 5)]
    now = timezone.now()
    year = this_year()

    # Last year: three plenaries held; the last one adopts this year's programme.
    # Recording the resolution on the programme at the last plenary adopts it.
    current_programme = _programme(year, organisations=organisations[:6], by=coordinator)
    previous = None
    held_last_year = []
    for month, day, title in PLENARIES:
        meeting = _meeting(year - 1, month, day, title, by=coordinator)
        is_last = (month, day, title) == PLENARIES[-1]
        items = _agenda(
            meeting,
            by=coordinator,
            previous=previous,
            programme=current_programme if is_last else None,
        )
        held_last_year.append(_hold(meeting, items, attending, by=coordinator))
        previous = meeting
    # A final record changes only by a Berichtigung: the summer's approval of the
    # spring minutes was miscounted, and the page shows the original beside it.
    approval = held_last_year[1][0]
    services.correct_resolution(
        resolution=approval,
        by=coordinator,
        reason="Bei der Auszählung wurde eine Enthaltung als Ja-Stimme gezählt (Zählliste).",
        votes_yes=approval.votes_yes - 1,
        votes_abstain=approval.votes_abstain + 1,
    )
    statuses = [WorkProgrammeItem.Status.DONE, WorkProgrammeItem.Status.IN_PROGRESS]
    for item, status in zip(current_programme.items.all(), statuses, strict=False):
        services.update_programme_item(
            item=item,
            by=coordinator,
            status=status,
            progress_note="Läuft nach Plan." if status != "done" else "Mit 300 Gästen.",
        )

    # This year: past plenaries held, the rest planned; next year's draft programme.
    # Held by now, the year's last plenary has adopted next year's programme with its
    # resolution; until then the programme is a draft and no resolution says otherwise.
    next_programme = _programme(
        year + 1, organisations=organisations[6:12] or organisations, by=coordinator
    )
    for month, day, title in PLENARIES:
        meeting = _meeting(year, month, day, title, by=coordinator)
        is_last = (month, day, title) == PLENARIES[-1]
        items = _agenda(
            meeting,
            by=coordinator,
            previous=previous,
            programme=next_programme if is_last else None,
        )
        if meeting.start < now:
            _hold(meeting, items, attending, by=coordinator)
        else:
            _invite_without_mail(meeting, organisations, now=now)
        previous = meeting
    upcoming = _meeting(year + 1, 3, 11, "Netzwerktreffen im Frühjahr", by=coordinator)
    _agenda(upcoming, by=coordinator, previous=previous)
    stdout.write(f"Treffen: {Meeting.objects.count()} Netzwerktreffen angelegt.")
    return []


def _invite_without_mail(meeting, organisations, *, now):
    """The demo marks planned meetings as invited without mailing fictional addresses."""
    Invitation.objects.bulk_create(
        Invitation(meeting=meeting, organisation=organisation, invited_at=now)
        for organisation in organisations
    )
    meeting.invitation_sent_at = now
    meeting.save(update_fields=["invitation_sent_at"])
    answers = [Invitation.Answer.YES, Invitation.Answer.NO, Invitation.Answer.MAYBE]
    for number, invitation in enumerate(meeting.invitations.all()[:12]):
        invitation.answer = answers[number % 3]
        invitation.attendee_count = 0 if invitation.answer == Invitation.Answer.NO else 2
        invitation.answered_at = now
        invitation.save()
