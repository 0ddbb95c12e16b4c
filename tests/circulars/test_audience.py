"""The audience of a circular: each filter selects what it says, the count is the recipients."""

import pytest

from circulars import audience
from circulars.models import Circular, MailPreference

MEMBERSHIP = Circular.Kind.MEMBERSHIP
ALL_ACTIVE = {
    "vertretung-linden@example.org",
    "kontakt-linden@example.org",
    "vertretung-mitte@example.org",
    "kontakt-mitte@example.org",
    "vertretung-nord@example.org",
    "kontakt-nord@example.org",
    "vertretung-linden2@example.org",
    "kontakt-linden2@example.org",
}


def _addresses(audience_data, kind=MEMBERSHIP):
    return {r.email for r in audience.resolve(kind, audience_data)}


def test_all_active_partners_one_mail_per_address(network):
    recipients = audience.resolve(MEMBERSHIP, {})
    # Applicants and former partners are not partners; the shared address counts once.
    assert {r.email for r in recipients} == ALL_ACTIVE
    assert len(recipients) == len(ALL_ACTIVE) == audience.count(MEMBERSHIP, {})


def test_representatives_only(network):
    assert _addresses({"representatives_only": True}) == {
        a for a in ALL_ACTIVE if a.startswith("vertretung-")
    }


def test_district(network):
    assert _addresses({"district": "linden-limmer"}) == {a for a in ALL_ACTIVE if "linden" in a}


def test_field_of_engagement(network):
    assert _addresses({"field": network.fields[0].pk}) == {
        a for a in ALL_ACTIVE if a.split("-")[1].startswith(("linden@", "nord@"))
    }


def test_working_group(network):
    assert _addresses({"working_group": network.group.pk}) == {
        "vertretung-linden@example.org",
        "kontakt-linden@example.org",
        "vertretung-nord@example.org",
        "kontakt-nord@example.org",
    }


def test_not_yet_signed_current_agreement(network):
    assert _addresses({"not_signed": True}) == {
        a for a in ALL_ACTIVE if "nord" in a or "linden2" in a
    }


def test_meeting_without_reply(network):
    # Linden answered; Mitte and Nord did not; Linden2 was not invited.
    assert _addresses({"meeting_without_reply": network.meeting.pk}) == {
        a for a in ALL_ACTIVE if "mitte" in a or "nord" in a
    } | {"kontakt-linden@example.org"}


def test_speaker_group(network, coordinating_org):
    from tests.factories import ContactFactory

    ContactFactory(organisation=coordinating_org, user=None, email="fzh@example.org")
    assert _addresses({"speaker_group": True}) == {"fzh@example.org"}


def test_filters_combine(network):
    assert _addresses({"district": "linden-limmer", "representatives_only": True}) == {
        "vertretung-linden@example.org",
        "vertretung-linden2@example.org",
    }


def test_newsletter_only_to_those_who_opted_in(network):
    assert _addresses({}, Circular.Kind.NEWSLETTER) == set()
    MailPreference.objects.create(email="kontakt-nord@example.org", newsletter=True)
    MailPreference.objects.create(email="vertretung-nord@example.org", newsletter=False)
    assert _addresses({}, Circular.Kind.NEWSLETTER) == {"kontakt-nord@example.org"}
    # Membership mail goes to everyone, consent or not.
    assert _addresses({}) == ALL_ACTIVE


def test_unknown_keys_are_dropped_and_the_description_reads(network):
    assert audience.clean_audience({"evil": 1, "district": "", "not_signed": True}) == {
        "not_signed": True
    }
    text = audience.describe({"district": "nord", "representatives_only": True})
    assert "vertretungsberechtigte" in text and "Nord" in text


@pytest.mark.parametrize("kind", Circular.Kind.values)
def test_queued_deliveries_equal_the_count(
    network, kind, client_as, coordinator, django_capture_on_commit_callbacks
):
    from circulars import services
    from tests.circulars.factories import draft

    MailPreference.objects.create(email="kontakt-mitte@example.org", newsletter=True)
    circular = draft(coordinator, kind=kind, audience={"field": network.fields[1].pk})
    expected = audience.count(kind, circular.audience)
    page = client_as("coordinator").get(circular.get_absolute_url())
    assert f"{expected} Adresse" in page.text
    with django_capture_on_commit_callbacks(execute=True):
        services.queue_circular(circular=circular, by=coordinator)
    # The worker's first batch stores the recipient list: exactly the counted addresses.
    assert circular.deliveries.count() == expected
    assert expected > 0
