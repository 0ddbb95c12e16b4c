"""Final records the attack tests (tests/records/test_attacks_*.py) try to change."""

import pytest

from meetings.models import Resolution, WorkProgramme
from tests.factories import OrganisationFactory
from tests.meetings.factories import (
    AgendaItemFactory,
    WorkProgrammeFactory,
    WorkProgrammeItemFactory,
    berlin,
)
from tests.meetings.factories import held_meeting as held
from tests.records.attacks import TODAY


@pytest.fixture
def approved(clock):
    """first: final (minutes approved by `later`), with a final item and resolution."""
    clock(TODAY)
    organisations = [OrganisationFactory() for _ in range(5)]
    first = held(berlin(2026, 3, 12), organisations=organisations, title="Frühjahr")
    item = AgendaItemFactory(meeting=first, title="Leitbild", minutes="Das Leitbild steht.")
    resolution = Resolution.objects.create(
        agenda_item=item, text="Das Leitbild wird beschlossen.", votes_yes=4, votes_abstain=1
    )
    later = held(berlin(2026, 6, 18), organisations=organisations, title="Sommer")
    approval = AgendaItemFactory(meeting=later, title="Protokoll", approves_minutes_of=first)
    first.refresh_from_db()
    assert first.is_final() and item.is_final() and resolution.is_final()
    return dict(
        first=first,
        item=item,
        resolution=resolution,
        later=later,
        approval=approval,
        organisations=organisations,
    )


@pytest.fixture
def adopted(approved):
    programme = WorkProgrammeFactory(year=2027)
    programme_item = WorkProgrammeItemFactory(programme=programme, title="Leitbild umsetzen")
    WorkProgramme.objects.filter(pk=programme.pk).update(
        status=WorkProgramme.Status.ADOPTED,
        adopted_by_resolution=approved["resolution"],
        adopted_at=TODAY,
    )
    programme.refresh_from_db()
    assert programme.is_final()
    return programme, programme_item
