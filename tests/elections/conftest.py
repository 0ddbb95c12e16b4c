import pytest

from tests.elections.factories import candidate


@pytest.fixture
def candidates(db):
    """Four organisations, each with a representative, ready to stand."""
    return [
        candidate(name)
        for name in [
            "Kulturkiste Bothfeld",
            "Lernpaten Bemerode",
            "Jugendforum Döhren",
            "Repair-Café List",
        ]
    ]
