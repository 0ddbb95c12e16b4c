import pytest
from django.core.management import call_command
from pypdf import PdfReader

from workgroups.models import GroupDocument, WorkingGroup

pytestmark = pytest.mark.django_db


def test_demo_has_four_groups_with_members_meetings_and_documents(settings, mailoutbox, client_as):
    settings.DEBUG = True
    # A work programme from the meetings app's demo, if it runs first.
    item_model = WorkingGroup.work_programme_items.field.model
    programme = item_model.programme.field.related_model.objects.create(year=2026)
    for number in range(4):
        programme.items.create(title=f"Vorhaben {number}", order=number)
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
        assert group.programme_items().count() == 1
    page = client_as("anonymous").get(groups["Anerkennungskultur"].get_absolute_url()).text
    assert "Vorhaben 0" in page

    call_command("seed_demo")
    assert WorkingGroup.objects.count() == 4
