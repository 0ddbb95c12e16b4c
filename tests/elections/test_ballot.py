import threading
from http import HTTPStatus

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, connections
from django.urls import reverse

from elections import services
from elections.models import Ballot, BallotChoice, BallotReceipt, Election
from tests.elections.factories import representative_of, voting_election
from tests.factories import ContactFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def election(coordinator, candidates, representative, speaker):
    return voting_election(coordinator, candidates[:3], seats=2)


def _ids(election, count):
    return list(election.nominations.accepted().order_by("pk").values_list("pk", flat=True))[:count]


def test_representative_casts_one_ballot_receipt_and_ballot_stored_apart(
    election, representative, partner_org
):
    services.cast_ballot(
        election=election, representative=representative, choices=_ids(election, 2)
    )
    receipt = BallotReceipt.objects.get(election=election)
    assert receipt.organisation == partner_org
    assert receipt.cast_by == representative
    ballot = Ballot.objects.get(election=election)
    assert ballot.choices.count() == 2


def test_representative_cannot_vote_twice(election, representative, partner_org):
    services.cast_ballot(election=election, representative=representative, choices=[])
    with pytest.raises(ValidationError, match="Ihre Organisation hat bereits abgestimmt."):
        services.cast_ballot(election=election, representative=representative, choices=[])
    assert Ballot.objects.filter(election=election).count() == 1


def test_second_representative_of_the_same_organisation_sees_who_voted_not_how(
    election, representative, partner_org, client
):
    colleague = UserFactory(email="kollegin@example.org", name="Kora Kollegin")
    ContactFactory(organisation=partner_org, user=colleague, is_representative=True)
    services.cast_ballot(
        election=election, representative=representative, choices=_ids(election, 1)
    )
    client.force_login(colleague)
    response = client.get(reverse("elections:ballot", kwargs={"pk": election.pk}))
    assert response.status_code == HTTPStatus.OK
    text = response.content.decode()
    assert "hat bereits am" in text
    assert "Rita Vertretung" in text
    assert 'type="checkbox"' not in text
    response = client.post(
        reverse("elections:ballot", kwargs={"pk": election.pk}), {"choices": _ids(election, 1)}
    )
    response = client.get(response.url)
    assert "Ihre Organisation hat bereits abgestimmt." in response.content.decode()
    assert Ballot.objects.filter(election=election).count() == 1


def test_ballot_refuses_too_many_duplicate_or_foreign_choices(
    election, representative, coordinator
):
    ids = _ids(election, 3)
    with pytest.raises(ValidationError, match="höchstens 2"):
        services.cast_ballot(election=election, representative=representative, choices=ids)
    with pytest.raises(ValidationError, match="nur einmal"):
        services.cast_ballot(
            election=election, representative=representative, choices=[ids[0], ids[0]]
        )
    # seats=1: the open elections together elect at most three seats.
    other = voting_election(coordinator, [representative_and_org("Fremde Kandidatur")], seats=1)
    foreign = other.nominations.get().pk
    with pytest.raises(ValidationError, match="Ungültige Auswahl"):
        services.cast_ballot(election=election, representative=representative, choices=[foreign])
    assert not BallotReceipt.objects.filter(election=election).exists()


def representative_and_org(name):
    organisation = OrganisationFactory(name=name)
    return organisation, representative_of(organisation)


def test_empty_ballot_is_a_counted_abstention(election, representative, coordinator):
    services.cast_ballot(election=election, representative=representative, choices=[])
    election = services.close_voting(election=election, by=coordinator)
    assert election.ballots_cast == 1
    assert all(n.votes == 0 for n in election.nominations.accepted())


def test_organisation_outside_the_electorate_cannot_vote(election):
    newcomer = OrganisationFactory(name="Neu dabei")
    user = representative_of(newcomer)
    with pytest.raises(PermissionDenied, match="nicht wahlberechtigt"):
        services.cast_ballot(election=election, representative=user, choices=[])


def test_coordinating_organisations_do_not_vote_when_the_option_is_off(
    coordinator, candidates, speaker
):
    election = voting_election(coordinator, candidates[:1], coordinators_vote=False)
    with pytest.raises(PermissionDenied, match="nicht wahlberechtigt"):
        services.cast_ballot(election=election, representative=speaker, choices=[])


def test_non_representative_cannot_vote(election, partner_contact, partner_org):
    with pytest.raises(PermissionDenied):
        services.cast_ballot(
            election=election, representative=partner_contact, choices=[], organisation=partner_org
        )


def test_ballot_form_lists_candidates_in_fieldset_and_votes(election, client_as):
    client = client_as("representative")
    url = reverse("elections:ballot", kwargs={"pk": election.pk})
    text = client.get(url).content.decode()
    assert "<fieldset" in text and "<legend" in text
    for nomination in election.nominations.accepted():
        assert nomination.organisation.name in text
    response = client.post(url, {"choices": _ids(election, 2)})
    assert response.status_code == HTTPStatus.FOUND
    assert BallotChoice.objects.filter(ballot__election=election).count() == 2


def test_ballot_form_refuses_too_many_crosses(election, client_as):
    client = client_as("representative")
    url = reverse("elections:ballot", kwargs={"pk": election.pk})
    response = client.post(url, {"choices": _ids(election, 3)})
    assert response.status_code == HTTPStatus.OK
    assert "höchstens 2" in response.content.decode()
    assert not Ballot.objects.exists()


def test_candidates_appear_in_random_order(election, client_as):
    client = client_as("representative")
    url = reverse("elections:ballot", kwargs={"pk": election.pk})
    names = [n.organisation.name for n in election.nominations.accepted()]
    orders = set()
    for _ in range(30):
        text = client.get(url).content.decode()
        orders.add(tuple(sorted(names, key=text.index)))
    assert len(orders) > 1


def test_ballot_tables_cannot_link_a_ballot_to_an_organisation_person_or_time():
    allowed = {Ballot: {"id", "election"}, BallotChoice: {"id", "ballot", "nomination"}}
    for model, names in allowed.items():
        concrete = [f for f in model._meta.get_fields() if f.concrete]
        assert {f.name for f in concrete} == names
        for field in concrete:
            assert field.get_internal_type() not in {
                "AutoField",
                "BigAutoField",
                "SmallAutoField",
                "DateTimeField",
                "DateField",
                "TimeField",
            }
            if field.is_relation:
                assert field.related_model._meta.label in {
                    "elections.Election",
                    "elections.Ballot",
                    "elections.Nomination",
                }
        assert model._meta.pk.get_internal_type() == "UUIDField"
        with connection.cursor() as cursor:
            columns = {
                c.name
                for c in connection.introspection.get_table_description(
                    cursor, model._meta.db_table
                )
            }
        assert columns == {model._meta.get_field(n).column for n in names}
        assert not hasattr(model, "history")
    # Nothing else points at a ballot either (no receipt → ballot link).
    assert [r.related_model for r in Ballot._meta.related_objects] == [BallotChoice]


def test_ballots_are_not_in_the_admin():
    from django.contrib import admin

    assert Ballot not in admin.site._registry
    assert BallotChoice not in admin.site._registry


def test_no_counts_are_shown_while_voting(election, representative, client_as):
    services.cast_ballot(
        election=election, representative=representative, choices=_ids(election, 1)
    )
    for role in ["coordinator", "representative", "anonymous"]:
        text = client_as(role).get(election.get_absolute_url()).content.decode()
        assert "Stimmen je Kandidatur" not in text
        assert "Ergebnisse werden erst nach der Veröffentlichung gezeigt." in text
    coordinator_page = client_as("coordinator").get(election.get_absolute_url()).content.decode()
    assert "Wahlbeteiligung bisher: 1 von" in coordinator_page


@pytest.mark.django_db(transaction=True)
def test_concurrent_ballots_of_one_organisation_leave_exactly_one(coordinator, candidates):
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL; CI runs this test there")
    organisation = OrganisationFactory(name="Gleichzeitig e. V.")
    users = [representative_of(organisation, f"v{i}@gleichzeitig.example.org") for i in range(6)]
    election = voting_election(coordinator, candidates[:2])
    choice = election.nominations.accepted().first().pk
    barrier = threading.Barrier(len(users))
    outcomes = []

    def vote(user):
        try:
            barrier.wait()
            services.cast_ballot(
                election=Election.objects.get(pk=election.pk), representative=user, choices=[choice]
            )
            outcomes.append("ok")
        except ValidationError as error:
            outcomes.append(error.messages[0])
        finally:
            connections.close_all()

    threads = [threading.Thread(target=vote, args=(u,)) for u in users]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert outcomes.count("ok") == 1
    assert outcomes.count("Ihre Organisation hat bereits abgestimmt.") == len(users) - 1
    assert Ballot.objects.filter(election=election).count() == 1
    assert BallotReceipt.objects.filter(election=election).count() == 1


def test_representative_of_two_organisations_votes_for_each_once(election, representative, client):
    second = OrganisationFactory(name="Zweiter Verein")
    ContactFactory(organisation=second, user=representative, is_representative=True)
    election.electorate.create(organisation=second)
    client.force_login(representative)
    url = reverse("elections:ballot", kwargs={"pk": election.pk})
    client.post(url, {"choices": []})
    client.post(url, {"choices": []})
    assert BallotReceipt.objects.filter(election=election).count() == 2
    response = client.post(url, {"choices": []}, follow=True)
    assert "bereits abgestimmt" in response.content.decode()
    assert Ballot.objects.filter(election=election).count() == 2


def test_personal_data_lists_that_the_person_voted_not_how(election, representative, client):
    services.cast_ballot(
        election=election, representative=representative, choices=_ids(election, 1)
    )
    client.force_login(representative)
    data = client.get(reverse("account_data")).json()
    receipts = data["wahlen"]["stimmabgaben"]
    assert [r["wahl"] for r in receipts] == [election.title]
    assert "stimmen" not in str(receipts).lower()
