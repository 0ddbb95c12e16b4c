"""Fragments kept by the generation of their apps' data (core/fragments.py).

The whole page is forgotten after any write (tests/test_pagecache.py); its fragments
only after a write to the data they show — seen where the database is written, so
QuerySet.update() and raw SQL count too, and a rollback does not.
"""

import datetime

import pytest
from django.db import connection, transaction
from django.template import engines
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from core import fragments, pagecache
from partners.models import Organisation
from tests.meetings.factories import MeetingFactory
from tests.pagecache_helpers import page_cache  # noqa: F401 - the autouse fixture applies here
from tests.posts.factories import PostFactory
from tests.test_cluster_settings import file_cache_workers
from tests.workgroups.factories import WorkingGroupFactory

GROUPS = reverse("workgroups:list")


def _visit(url):
    """A new visitor after the page cache forgot every page: (page, tables read)."""
    pagecache.invalidate()
    with CaptureQueriesContext(connection) as queries:
        response = Client().get(url)
    assert response.status_code == 200
    return response.content.decode(), " ".join(query["sql"] for query in queries)


@pytest.fixture
def group(db):
    return WorkingGroupFactory(name="Arbeitsgruppe Quartiersfonds")


def test_a_write_elsewhere_renders_the_page_but_not_its_fragment(
    group, django_capture_on_commit_callbacks
):
    page, read = _visit(GROUPS)
    assert "Arbeitsgruppe Quartiersfonds" in page and "workgroups_workinggroup" in read
    with django_capture_on_commit_callbacks(execute=True):
        PostFactory(organisation=group.lead_organisation, published=True)
    again, read = _visit(GROUPS)
    assert again == page
    assert "workgroups_" not in read  # the list came from its fragment


def test_a_write_to_the_shown_data_shows_at_once(group, django_capture_on_commit_callbacks):
    _visit(GROUPS)
    with django_capture_on_commit_callbacks(execute=True):
        WorkingGroupFactory(name="Arbeitsgruppe Nachbarschaftshilfe")
    assert "Arbeitsgruppe Nachbarschaftshilfe" in _visit(GROUPS)[0]


def test_an_update_without_signals_and_raw_sql_are_seen(group, django_capture_on_commit_callbacks):
    lead = group.lead_organisation
    _visit(GROUPS)
    with django_capture_on_commit_callbacks(execute=True):
        Organisation.objects.filter(pk=lead.pk).update(name="Umbenannter Verein")
    assert "Umbenannter Verein" in _visit(GROUPS)[0]
    with django_capture_on_commit_callbacks(execute=True), connection.cursor() as cursor:
        table = Organisation._meta.db_table
        sql = f'UPDATE "{table}" SET name = %s WHERE id = %s'  # noqa: S608
        cursor.execute(sql, ["Roh-SQL-Verein", lead.pk])
    assert "Roh-SQL-Verein" in _visit(GROUPS)[0]


def test_a_rolled_back_write_changes_nothing_and_the_next_write_is_seen(
    group, django_capture_on_commit_callbacks
):
    lead = group.lead_organisation
    _visit(GROUPS)
    before = fragments._generations(["partners"], {})
    with pytest.raises(RuntimeError), transaction.atomic():
        Organisation.objects.filter(pk=lead.pk).update(name="Nie gespeichert")
        raise RuntimeError
    assert fragments._generations(["partners"], {}) == before
    with django_capture_on_commit_callbacks(execute=True):
        Organisation.objects.filter(pk=lead.pk).update(name="Doch gespeichert")
    page = _visit(GROUPS)[0]
    assert "Doch gespeichert" in page and "Nie gespeichert" not in page
    # A second write in the same transaction after the first was committed is seen too.
    with django_capture_on_commit_callbacks(execute=True):
        Organisation.objects.filter(pk=lead.pk).update(name="Noch einmal umbenannt")
    assert "Noch einmal umbenannt" in _visit(GROUPS)[0]


def test_a_fragment_that_follows_the_clock_expires_without_a_write(db, time_machine):
    now = timezone.now()
    time_machine.move_to(now, tick=False)
    start = now + datetime.timedelta(seconds=30)
    MeetingFactory(
        title="Netzwerktreffen im Advent", start=start, end=start + datetime.timedelta(minutes=1)
    )
    url = reverse("meetings:list")
    page = _visit(url)[0]
    upcoming, past = page.split('id="past-title"')
    assert "Netzwerktreffen im Advent" in upcoming
    time_machine.move_to(now + datetime.timedelta(minutes=5), tick=False)
    upcoming, past = _visit(url)[0].split('id="past-title"')
    assert "Netzwerktreffen im Advent" in past
    assert "Netzwerktreffen im Advent" not in upcoming


def test_logged_in_people_and_unknown_query_strings_get_no_shared_fragment(
    group, client_as, django_capture_on_commit_callbacks
):
    coordinator = client_as("coordinator")
    for url, client in [(GROUPS, coordinator), (GROUPS + "?utm_source=rundbrief", Client())]:
        for _ in range(2):
            pagecache.invalidate()
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url).status_code == 200
            assert "workgroups_workinggroup" in " ".join(q["sql"] for q in queries)


def test_a_fragment_with_a_form_token_is_not_kept(db):
    renders = []

    def render(html):
        renders.append(html)
        return html

    token = '<input type="hidden" name="csrfmiddlewaretoken" value="abc">'
    for _ in range(2):
        fragments.cached_fragment("test:token", ["partners"], lambda: render(token))
        fragments.cached_fragment("test:plain", ["partners"], lambda: render("<p>Liste</p>"))
    assert renders == [token, "<p>Liste</p>", token]


def test_the_fragment_tag_keeps_its_html_until_a_write(db, django_capture_on_commit_callbacks):
    template = engines["django"].from_string(
        '{% load fragments %}{% fragment "test:count" "partners" %}{{ count }}{% endfragment %}'
    )
    count = Organisation.objects.count
    assert template.render({"count": count}) == "0"
    Organisation.objects.create(name="Neu ohne Commit", slug="neu-ohne-commit")
    assert template.render({"count": count}) == "0"  # not committed: nothing changed
    with django_capture_on_commit_callbacks(execute=True):
        Organisation.objects.create(name="Neu mit Commit", slug="neu-mit-commit")
    assert template.render({"count": count}) == "2"


WRITE_ELSEWHERE = """
from partners.models import Organisation
Organisation.objects.filter(name='Verein im Test').update(name='Umbenannt im anderen Prozess')
"""
GROUP_PAGE = """
from core import pagecache
pagecache.invalidate()
with CaptureQueriesContext(connection) as queries:
    response = Client().get("/arbeitsgruppen/")
page = response.content.decode()
result = [response.status_code, "workgroups_" in " ".join(q["sql"] for q in queries),
          "Umbenannt im anderen Prozess" in page]
"""


def test_an_update_in_one_worker_renews_the_others_fragment(tmp_path):
    """Two worker processes, production settings, the file cache they share."""
    with file_cache_workers(tmp_path) as (writer, reader):
        writer.run(
            "from tests.factories import OrganisationFactory\n"
            "from tests.workgroups.factories import WorkingGroupFactory\n"
            "WorkingGroupFactory(lead_organisation=OrganisationFactory(name='Verein im Test'))"
        )
        assert reader.run(GROUP_PAGE) == [200, True, False]
        assert reader.run(GROUP_PAGE) == [200, False, False]  # the list from its fragment
        writer.run(WRITE_ELSEWHERE)  # QuerySet.update(): no signal, another process
        assert reader.run(GROUP_PAGE) == [200, True, True]


def test_many_writes_in_one_transaction_write_each_generation_once(
    group, django_capture_on_commit_callbacks
):
    # A ballot or a declaration saves several rows: each generation is written once
    # when the transaction commits, not once per row (core/commit.py).
    lead = group.lead_organisation
    with django_capture_on_commit_callbacks() as callbacks:
        for name in ("Erster Name", "Zweiter Name", "Dritter Name"):
            lead.name = name
            lead.save()
            Organisation.objects.filter(pk=lead.pk).update(name=name)
    ours = [c for c in callbacks if "once_on_commit" in c.__qualname__]
    # The page cache's generation, and the partners' (history rows are partners' too).
    assert len(ours) == 2
    before = fragments._generations(["partners"], {})
    for callback in callbacks:
        callback()
    assert fragments._generations(["partners"], {}) != before
