import pytest

from partners.models import Contact
from tests.factories import ContactFactory, OrganisationFactory, UserFactory
from tests.workgroups.factories import member_group
from workgroups.models import WorkingGroup


@pytest.fixture
def lead_contact(representative):
    """The representative's contact: the lead of the group below."""
    return Contact.objects.get(user=representative)


@pytest.fixture
def group(partner_org, lead_contact):
    """An open group led by the partner organisation (its only member)."""
    return member_group(
        lead=partner_org,
        name="Digitale Beteiligung",
        slug="digitale-beteiligung",
        lead_contact=lead_contact,
    )


@pytest.fixture
def request_group(group):
    group.access = WorkingGroup.Access.REQUEST
    group.save()
    return group


@pytest.fixture
def outsider(db):
    """A contact of another active partner organisation, not in the group."""
    user = UserFactory(email="aussen@example.org", name="Olga Außen")
    ContactFactory(
        organisation=OrganisationFactory(
            name="Sportfreunde Kleefeld", slug="sportfreunde-kleefeld"
        ),
        user=user,
        is_representative=True,
    )
    return user
