import pytest
from django.utils import timezone

from partners import hooks
from partners.models import AgreementVersion, Organisation
from tests.factories import OrganisationFactory
from tests.partners.factories import sign

pytestmark = pytest.mark.django_db


def _agreement_panel(rf, coordinator):
    request = rf.get("/")
    request.user = coordinator
    return next(
        panel
        for panel in hooks.coordination_panels(request)
        if panel["template"] == "partners/includes/_panel_agreement.html"
    )


@pytest.mark.parametrize("few", [0, 2, 3, 100])
def test_agreement_panel_lists_the_first_unsigned_partners_by_name_and_counts_them_all(
    rf, coordinator, monkeypatch, few
):
    # Both ways of reading the unsigned partners (by their ids when few, the plain
    # list when many) give the same panel.
    monkeypatch.setattr(hooks, "FEW_UNSIGNED", few)
    monkeypatch.setattr(hooks, "PANEL_LIMIT", 2)
    version = AgreementVersion.objects.create(
        number=2, title="K", text="1.) Neu.", valid_from=timezone.localdate()
    )
    signed = OrganisationFactory(name="Anton unterschrieben")
    sign(signed, version=version)
    OrganisationFactory(name="Berta Bewerbung", status=Organisation.Status.APPLICANT)
    OrganisationFactory(name="Cäsar", status=Organisation.Status.LEFT)
    for name in ["Zora", "Dora", "Emil"]:
        OrganisationFactory(name=name)

    panel = _agreement_panel(rf, coordinator)

    assert panel["agreement"] == version
    assert [o.name for o in panel["organisations"]] == ["Dora", "Emil"]
    assert panel["count"] == 3


@pytest.mark.parametrize("few", [0, 100])
def test_agreement_panel_is_empty_when_all_signed(rf, coordinator, monkeypatch, few):
    monkeypatch.setattr(hooks, "FEW_UNSIGNED", few)
    sign(OrganisationFactory(name="Anton"))

    panel = _agreement_panel(rf, coordinator)

    assert panel["agreement"] is not None
    assert panel["organisations"] == []
    assert panel["count"] == 0


def test_agreement_panel_needs_one_query_when_all_signed_and_two_when_some_have_not(
    django_assert_num_queries,
):
    version = AgreementVersion.objects.current()
    sign(OrganisationFactory(name="Anton"), version=version)
    with django_assert_num_queries(1):
        assert hooks._unsigned(version) == ([], 0)
    OrganisationFactory(name="Berta")
    with django_assert_num_queries(2):
        organisations, count = hooks._unsigned(version)
    assert ([o.name for o in organisations], count) == (["Berta"], 1)
