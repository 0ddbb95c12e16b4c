import pytest
from django.core.management import call_command
from django.utils import timezone
from pypdf import PdfReader

from workgroups.models import GroupDocument, WorkingGroup

pytestmark = pytest.mark.django_db


def test_demo_has_four_groups_with_members_meetings_and_documents(settings, mailoutbox, client_as):
    settings.DEBUG = True
    # The meetings app's demo (run before ours) brings the work programme.
    call_command("seed_demo")
    groups = {g.name: g for g in WorkingGroup.objects.with_members()}
    assert set(groups) == {
        "Engagement im Quartier",
        "Digitale Beteiligung",
        "Anerkennungskultur",
        "Freiwilligenbörse",
    }
    assert groups["Freiwilligenbörse"].status == WorkingGroup.Status.CLOSED
    for group in groups.values():
        # Every group is founded on an adopted resolution of a held Netzwerktreffen.
        resolution = group.founding_resolution
        meeting = resolution.agenda_item.meeting
        assert resolution.is_adopted
        assert meeting.is_plenary and meeting.is_held
        assert group.founded_on >= timezone.localtime(meeting.start).date()
        assert group.name in resolution.text
        assert len(group.active_memberships) >= 3
        assert group.meetings.exists()
        assert group.documents.filter(is_public=True).exists()
        assert group.documents.filter(is_public=False).exists()
    assert groups["Engagement im Quartier"].lead_contact.email == "partner@example.org"
    quiet = list(WorkingGroup.objects.active().without_recent_meeting())
    assert [g.name for g in quiet] == ["Anerkennungskultur"]
    document = GroupDocument.objects.filter(is_public=True).first()
    with document.file.open("rb") as handle:
        assert len(PdfReader(handle).pages) == 1
    # Demo data sends no mail to the example addresses.
    assert mailoutbox == []

    for group in WorkingGroup.objects.active():
        [item] = group.programme_items()
        page = client_as("anonymous").get(group.get_absolute_url()).text
        assert item.title in page

    call_command("seed_demo")
    assert WorkingGroup.objects.count() == 4
