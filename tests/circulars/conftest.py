import pytest

from partners.models import District, FieldOfEngagement, Organisation
from tests.factories import ContactFactory, OrganisationFactory, UserFactory


@pytest.fixture
def network(db):
    """Four organisations with representatives and plain contacts, one applicant, one left."""
    from tests.meetings.factories import InvitationFactory, MeetingFactory
    from tests.partners.factories import sign
    from tests.workgroups.factories import MembershipFactory, WorkingGroupFactory

    fields = list(FieldOfEngagement.objects.order_by("pk")[:2])
    orgs, representatives = {}, {}
    for key, district in [
        ("linden", District.LINDEN_LIMMER),
        ("mitte", District.MITTE),
        ("nord", District.NORD),
        ("linden2", District.LINDEN_LIMMER),
    ]:
        organisation = OrganisationFactory(name=f"Verein {key} Hannover", district=district)
        representative = UserFactory(email=f"vertretung-{key}@example.org")
        ContactFactory(organisation=organisation, user=representative, is_representative=True)
        ContactFactory(
            organisation=organisation,
            user=None,
            name=f"Kontakt {key}",
            email=f"kontakt-{key}@example.org",
        )
        orgs[key] = organisation
        representatives[key] = representative
    orgs["linden"].fields.add(fields[0])
    orgs["nord"].fields.add(fields[0], fields[1])
    orgs["mitte"].fields.add(fields[1])
    applicant = OrganisationFactory(name="Bewerber Hannover", status=Organisation.Status.APPLICANT)
    ContactFactory(organisation=applicant, user=None, email="bewerber@example.org")
    left = OrganisationFactory(name="Ehemalige Hannover", status=Organisation.Status.LEFT)
    ContactFactory(organisation=left, user=None, email="ehemalig@example.org")
    # One person is a contact of two organisations: one mail to that address.
    ContactFactory(
        organisation=orgs["mitte"], user=None, name="Doppelt", email="kontakt-linden@example.org"
    )
    group = WorkingGroupFactory(lead_organisation=orgs["linden"])
    MembershipFactory(group=group, organisation=orgs["linden"])
    MembershipFactory(group=group, organisation=orgs["nord"])
    for key in ["linden", "mitte"]:
        sign(orgs[key], representatives[key])
    meeting = MeetingFactory()
    InvitationFactory(meeting=meeting, organisation=orgs["linden"], answer="yes")
    InvitationFactory(meeting=meeting, organisation=orgs["nord"])
    InvitationFactory(meeting=meeting, organisation=orgs["mitte"])
    return type("Network", (), {"orgs": orgs, "fields": fields, "group": group, "meeting": meeting})
