"""The page cache for logged-in people: coordination panels kept per role and app but
never stale or holding a token, personal pages kept per person and session with access checked every time.

Anonymous visitors: tests/test_pagecache.py.
"""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from core.roles import COORDINATOR_GROUP
from meetings.models import Meeting
from partners.models import Contact
from tests.meetings.factories import AgendaItemFactory, MeetingFactory
from tests.pagecache_helpers import (
    TOKEN,
    get_counted,
    page_cache,  # noqa: F401 - the autouse fixture applies here
)
from tests.posts.factories import PostFactory


def test_logged_in_users_are_not_served_from_the_cache(client_as, partner_org):
    url = reverse("posts:list")
    client_as("anonymous").get(url)
    response, queries = get_counted(client_as("coordinator"), url)
    assert queries > 0
    assert "Abmelden" in response.content.decode()


def test_coordination_panels_are_shared_but_follow_writes(
    client_as, django_capture_on_commit_callbacks
):
    from tests.partners.factories import signed_application

    url = reverse("coordination")
    client_as("coordinator").get(url)
    with django_capture_on_commit_callbacks(execute=True):
        signed_application("Frisch beworben Hannover")
    assert "Frisch beworben Hannover" in client_as("coordinator").get(url).content.decode()
    assert "Frisch beworben Hannover" not in client_as("speaker").get(url).content.decode()


# --- The coordination panels ------------------------------------------------------------


def test_a_revoked_coordinator_loses_the_coordination_page_at_once(client_as):
    client = client_as("coordinator")
    url = reverse("coordination")
    assert client.get(url).status_code == 200
    assert client.get(url).status_code == 200  # panels now in the cache
    client.user.groups.remove(Group.objects.get(name=COORDINATOR_GROUP))
    response = client.get(url)
    assert response.status_code in (302, 403)
    assert "Verwaltung" not in response.content.decode()


def test_shared_panels_hold_no_csrf_token(client_as):
    url = reverse("coordination")
    client_as("coordinator").get(url)
    second = client_as("coordinator").get(url)
    assert second.status_code == 200
    stored = [
        value[1]
        for key, value in _cache_entries()
        if isinstance(value, tuple) and len(value) == 3 and "card" in str(value[1])
    ]
    assert len(stored) >= 5, "the panels were not kept"
    assert all("csrfmiddlewaretoken" not in html for html in stored)


def test_the_coordination_page_renders_only_the_panels_whose_data_changed(
    client_as, django_capture_on_commit_callbacks
):
    from core import pagecache
    from tests.materials.factories import SealTermsFactory

    client = client_as("coordinator")
    url = reverse("coordination")

    def fresh():
        pagecache.invalidate()  # as any write does: the page itself is rendered again
        response, read = _read_by(client, url)
        assert response.status_code == 200
        return response.content.decode(), read

    waiting = PostFactory(title="Wartet auf Freigabe", submitted=True)
    page, read = fresh()
    assert "Wartet auf Freigabe" in page and "meetings_meeting" in read
    with django_capture_on_commit_callbacks(execute=True):
        PostFactory(organisation=waiting.organisation, title="Noch ein Beitrag", submitted=True)
    page, read = fresh()
    assert "Noch ein Beitrag" in page and "posts_post" in read
    # Meetings, elections, groups and the seal came from their fragments.
    for table in ("meetings_", "elections_", "workgroups_", "materials_"):
        assert table not in read
    with django_capture_on_commit_callbacks(execute=True):
        SealTermsFactory()
    page, read = fresh()
    assert "materials_" in read and "posts_post" not in read and "meetings_" not in read


def _cache_entries():
    import pickle
    import zlib

    for fname in caches["default"]._list_cache_files():
        with open(fname, "rb") as f:
            pickle.load(f)  # noqa: S301  # our own cache directory
            yield fname, pickle.loads(zlib.decompress(f.read()))  # noqa: S301


def _read_by(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return response, " ".join(query["sql"] for query in queries)


# Pages of logged-in people: kept per person and session, access checked every time.

PERSONAL_PAGES = ["coordination", "account_overview", "partners:my_network"]


def test_a_logged_in_page_is_reused_for_the_same_session_until_a_write(
    client_as, partner_org, django_capture_on_commit_callbacks
):
    client = client_as("representative")
    url = reverse("partners:my_network")
    client.get(reverse("home"))  # the browser has its CSRF cookie from the login page
    first, first_queries = get_counted(client, url)
    second, second_queries = get_counted(client, url)
    assert second.content == first.content
    # The access checks still run (session, user, roles); the page is not rendered again.
    assert second_queries < first_queries / 2
    with django_capture_on_commit_callbacks(execute=True):
        partner_org.name = "Nachbarschaft Linden-Süd"
        partner_org.save()
    assert "Nachbarschaft Linden-Süd" in client.get(url).content.decode()


def test_a_personal_page_is_never_served_to_another_person_or_session(client_as):
    url = reverse("account_overview")
    coordinator, representative = client_as("coordinator"), client_as("representative")
    for _ in range(2):
        assert "koordination@example.org" in coordinator.get(url).content.decode()
        page = representative.get(url).content.decode()
        assert "vertretung@example.org" in page
        assert "koordination@example.org" not in page
    # The same person in a second browser (another session) gets a page of their own.
    other_browser = client_as("coordinator")
    other_browser.get(reverse("home"))
    _, queries = get_counted(other_browser, url)
    _, again = get_counted(other_browser, url)
    assert queries > again


def test_a_cached_personal_page_carries_a_token_the_session_accepts(client_as):
    client = client_as("coordinator")
    client.handler.enforce_csrf_checks = True
    url = reverse("coordination")
    client.get(url)  # sets the CSRF cookie
    first = client.get(url).content.decode()
    second = client.get(url).content.decode()
    token = TOKEN.search(second).group(1)
    assert TOKEN.search(first).group(1) == token  # served from the cache
    response = client.post(reverse("account_logout"), {"csrfmiddlewaretoken": token})
    assert response.status_code == 302
    assert client.get(url).status_code == 302  # logged out: to the login page


@pytest.mark.parametrize("name", PERSONAL_PAGES)
def test_a_person_who_loses_access_is_refused_although_the_page_is_cached(client_as, name):
    client = client_as("coordinator")
    url = reverse(name)
    assert client.get(url).status_code == 200
    assert client.get(url).status_code == 200
    client.user.groups.remove(Group.objects.get(name=COORDINATOR_GROUP))
    client.user.is_active = False
    client.user.save()
    response = client.get(url)
    assert response.status_code in (302, 403)
    assert "koordination@example.org" not in response.content.decode()


def test_waiting_messages_are_shown_not_a_cached_page(client_as, settings):
    client = client_as("representative")
    url = reverse("account_overview")
    client.get(url)
    client.get(url)
    session = client.session
    # A message left by the previous request (session storage, as after a redirect).
    session["_messages"] = '[["__json_message",0,25,"Ihre Angaben sind gespeichert."]]'
    session.save()
    settings.MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"
    assert "Ihre Angaben sind gespeichert." in client.get(url).content.decode()


# --- Against someone with database access: SQL past Django moves no generation ---------


def _sql(statement, params):
    """A statement as someone with database access runs it: no model, no signal, no
    service; the page cache's generation does not move."""
    with connection.cursor() as cursor:
        cursor.execute(statement, params)


@pytest.fixture
def held_with_internal_item(partner_org):
    now = timezone.now()
    meeting = MeetingFactory(
        title="Treffen im Mai",
        start=now - datetime.timedelta(days=10),
        end=now - datetime.timedelta(days=10, hours=-2),
        status=Meeting.Status.HELD,
    )
    AgendaItemFactory(meeting=meeting, title="Öffentlicher Punkt", is_public=True)
    AgendaItemFactory(meeting=meeting, title="Interner Punkt", is_public=False)
    return meeting


def test_a_contact_deleted_in_the_database_no_longer_sees_a_kept_meeting_page(
    client_as, held_with_internal_item
):
    client = client_as("representative")
    url = held_with_internal_item.get_absolute_url()
    client.get(url)  # the browser gets its CSRF cookie
    first, rendered = get_counted(client, url)
    kept, served = get_counted(client, url)
    assert "Interner Punkt" in kept.content.decode()
    assert served < rendered / 2  # from the cache
    _sql(f"DELETE FROM {Contact._meta.db_table} WHERE user_id = %s", [client.user.pk])  # noqa: S608
    page = client.get(url).content.decode()
    assert "Öffentlicher Punkt" in page
    assert "Interner Punkt" not in page


def test_a_coordinator_removed_in_the_database_loses_the_kept_pages(client_as):
    client = client_as("coordinator")
    url = reverse("account_overview")
    client.get(url)
    kept = client.get(url).content.decode()
    assert reverse("coordination") in kept
    membership = get_user_model().groups.through._meta.db_table
    _sql(f"DELETE FROM {membership} WHERE user_id = %s", [client.user.pk])  # noqa: S608
    assert reverse("coordination") not in client.get(url).content.decode()
    assert client.get(reverse("coordination")).status_code == 403


def test_a_session_deleted_in_the_database_ends_at_once(client_as):
    client = client_as("representative")
    url = reverse("account_overview")
    client.get(url)
    assert client.get(url).status_code == 200
    _sql("DELETE FROM django_session WHERE session_key = %s", [client.session.session_key])
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_a_person_deactivated_in_the_database_is_logged_out_at_once(client_as):
    client = client_as("representative")
    url = reverse("partners:my_network")
    client.get(url)
    assert client.get(url).status_code == 200
    users = get_user_model()._meta.db_table
    _sql(f"UPDATE {users} SET is_active = %s WHERE id = %s", [False, client.user.pk])  # noqa: S608
    response = client.get(url)
    assert response.status_code == 302
    assert "vertretung@example.org" not in response.content.decode()


def test_an_expired_session_is_not_honoured(client_as, time_machine, settings):
    time_machine.move_to(datetime.datetime(2028, 2, 28, 23, 0, tzinfo=datetime.UTC), tick=False)
    client = client_as("representative")
    url = reverse("account_overview")
    assert client.get(url).status_code == 200
    time_machine.move_to(
        datetime.datetime(2028, 2, 28, 23, 0, tzinfo=datetime.UTC)
        + datetime.timedelta(seconds=settings.SESSION_COOKIE_AGE + 1),
        tick=False,
    )
    assert client.get(url).status_code == 302


@pytest.mark.parametrize(
    ("role", "name"),
    [
        ("coordinator", "coordination"),
        ("coordinator", "account_overview"),
        ("representative", "partners:my_network"),
        ("representative", "account_overview"),
    ],
)
def test_a_kept_page_reads_the_session_the_person_and_the_roles_in_three_queries(
    client_as, name, role
):
    client = client_as(role)
    url = reverse(name)
    client.get(url)  # the CSRF cookie
    client.get(url)  # kept
    response, queries = get_counted(client, url)
    assert response.status_code == 200
    # The session, the person, and one statement for the coordinator check, the second
    # factor and the person's contacts (core.roles._power_of): all from the database.
    assert queries <= 3 + (name == "partners:my_network")  # its dispatch reads the contacts


def test_the_roles_statement_reads_the_contacts_of_active_organisations_only(
    representative, partner_org, coordinator
):
    from core.roles import _power_of
    from tests.factories import ContactFactory, OrganisationFactory

    left = OrganisationFactory(name="Ausgetreten e.V.", status=partner_org.Status.LEFT)
    ContactFactory(organisation=left, user=representative)
    other = OrganisationFactory(name="Zweiter Verein")
    second = ContactFactory(organisation=other, user=representative, is_representative=False)
    first = representative.contacts.get(organisation=partner_org)
    assert _power_of(representative.pk) == (
        False,
        False,
        tuple(sorted([(first.pk, partner_org.pk, True), (second.pk, other.pk, False)])),
    )
    assert _power_of(coordinator.pk) == (True, True, ())
