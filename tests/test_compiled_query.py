"""core.compiled: a queryset built once gives the same rows, model instances and
related objects as the queryset itself, for every value, read afresh each time."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.compiled import CompiledQuery
from partners.models import Contact, Organisation
from partners.roles import contacts_of, contacts_queryset
from tests.factories import ContactFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


def _fields(obj):
    return {field.attname: getattr(obj, field.attname) for field in obj._meta.concrete_fields}


def test_the_contacts_are_those_of_the_queryset_with_their_organisation():
    user = UserFactory()
    for name in ("Zukunftswerkstatt Ahlem", "Bürgerverein Bothfeld"):
        ContactFactory(organisation=OrganisationFactory(name=name), user=user, function=name)
    left = OrganisationFactory(name="Ausgetreten e.V.", status=Organisation.Status.LEFT)
    ContactFactory(organisation=left, user=user)
    ContactFactory(organisation=OrganisationFactory(name="Andere"), user=UserFactory())

    expected = list(contacts_queryset(user.pk))
    with CaptureQueriesContext(connection) as queries:
        found = contacts_of(user)
        names = [contact.organisation.name for contact in found]
    assert len(queries) == 1  # the organisation came with its contact
    assert [_fields(c) for c in found] == [_fields(c) for c in expected]
    assert [_fields(c.organisation) for c in found] == [_fields(c.organisation) for c in expected]
    assert sorted(names) == ["Bürgerverein Bothfeld", "Zukunftswerkstatt Ahlem"]
    assert all(isinstance(c.created_at, datetime.datetime) for c in found)
    assert all(not c._state.adding and c._state.db == "default" for c in found)


def test_each_call_reads_the_database_afresh_for_its_own_value():
    first, second = UserFactory(), UserFactory()
    contact = ContactFactory(user=first)
    assert [c.pk for c in contacts_of(first)] == [contact.pk]
    assert contacts_of(second) == []
    Contact.objects.filter(pk=contact.pk).update(user=second)
    assert contacts_of(first) == []
    assert [c.pk for c in contacts_of(second)] == [contact.pk]


def test_a_query_that_uses_its_value_twice_is_refused():
    twice = CompiledQuery(lambda pk: Contact.objects.filter(user_id=pk, organisation_id=pk))
    with pytest.raises(ValueError, match="exactly once"):
        twice(1)
