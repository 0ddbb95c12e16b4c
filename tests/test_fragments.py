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
from tests.factories import OrganisationFactory
from tests.meetings.factories import MeetingFactory
from tests.pagecache_helpers import (
    TOKEN,
    page_cache,  # noqa: F401 - the autouse fixture applies here
    visit_fresh,
)
from tests.posts.factories import PostFactory
from tests.test_cluster_settings import file_cache_workers
from tests.workgroups.factories import WorkingGroupFactory

GROUPS = reverse("workgroups:list")


@pytest.fixture
def group(db):
    return WorkingGroupFactory(name="Arbeitsgruppe Quartiersfonds")


def test_a_write_elsewhere_renders_the_page_but_not_its_fragment(
    group, django_capture_on_commit_callbacks
):
    page, read = visit_fresh(GROUPS)
    assert "Arbeitsgruppe Quartiersfonds" in page and "workgroups_workinggroup" in read
    with django_capture_on_commit_callbacks(execute=True):
        PostFactory(organisation=group.lead_organisation, published=True)
    again, read = visit_fresh(GROUPS)
    assert again == page
    assert "workgroups_" not in read  # the list came from its fragment


def test_a_write_to_the_shown_data_shows_at_once(group, django_capture_on_commit_callbacks):
    visit_fresh(GROUPS)
    with django_capture_on_commit_callbacks(execute=True):
        WorkingGroupFactory(name="Arbeitsgruppe Nachbarschaftshilfe")
    assert "Arbeitsgruppe Nachbarschaftshilfe" in visit_fresh(GROUPS)[0]


def test_an_update_without_signals_and_raw_sql_are_seen(group, django_capture_on_commit_callbacks):
    lead = group.lead_organisation
    visit_fresh(GROUPS)
    with django_capture_on_commit_callbacks(execute=True):
        Organisation.objects.filter(pk=lead.pk).update(name="Umbenannter Verein")
    assert "Umbenannter Verein" in visit_fresh(GROUPS)[0]
    with django_capture_on_commit_callbacks(execute=True), connection.cursor() as cursor:
        table = Organisation._meta.db_table
        sql = f'UPDATE "{table}" SET name = %s WHERE id = %s'  # noqa: S608
        cursor.execute(sql, ["Roh-SQL-Verein", lead.pk])
    assert "Roh-SQL-Verein" in visit_fresh(GROUPS)[0]


def test_a_rolled_back_write_changes_nothing_and_the_next_write_is_seen(
    group, django_capture_on_commit_callbacks
):
    lead = group.lead_organisation
    visit_fresh(GROUPS)
    before = fragments._generations(["partners"], {})
    with pytest.raises(RuntimeError), transaction.atomic():
        Organisation.objects.filter(pk=lead.pk).update(name="Nie gespeichert")
        raise RuntimeError
    assert fragments._generations(["partners"], {}) == before
    with django_capture_on_commit_callbacks(execute=True):
        Organisation.objects.filter(pk=lead.pk).update(name="Doch gespeichert")
    page = visit_fresh(GROUPS)[0]
    assert "Doch gespeichert" in page and "Nie gespeichert" not in page
    # A second write in the same transaction after the first was committed is seen too.
    with django_capture_on_commit_callbacks(execute=True):
        Organisation.objects.filter(pk=lead.pk).update(name="Noch einmal umbenannt")
    assert "Noch einmal umbenannt" in visit_fresh(GROUPS)[0]


def test_a_fragment_that_follows_the_clock_expires_without_a_write(db, time_machine):
    now = timezone.now()
    time_machine.move_to(now, tick=False)
    start = now + datetime.timedelta(seconds=30)
    MeetingFactory(
        title="Netzwerktreffen im Advent", start=start, end=start + datetime.timedelta(minutes=1)
    )
    url = reverse("meetings:list")
    page = visit_fresh(url)[0]
    upcoming, past = page.split('id="past-title"')
    assert "Netzwerktreffen im Advent" in upcoming
    time_machine.move_to(now + datetime.timedelta(minutes=5), tick=False)
    upcoming, past = visit_fresh(url)[0].split('id="past-title"')
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


# --- Pages whose parts come from several apps: each part follows its own data ----------


def test_the_home_page_renders_only_the_sections_whose_data_changed(
    db, django_capture_on_commit_callbacks
):
    from tests.materials.factories import SealTermsFactory

    home = reverse("home")
    PostFactory(published=True, title="Sommerfest im Stadtteil")
    page, read = visit_fresh(home)
    assert "Sommerfest im Stadtteil" in page and "posts_post" in read
    with django_capture_on_commit_callbacks(execute=True):
        SealTermsFactory()  # the seal's terms: not shown on the home page
    again, read = visit_fresh(home)
    assert again == page
    # Principles, next meeting, partners and posts all came from their fragments.
    assert read == ""
    with django_capture_on_commit_callbacks(execute=True):
        PostFactory(published=True, title="Lesecafé eröffnet")
    page, read = visit_fresh(home)
    assert "Lesecafé eröffnet" in page
    assert "posts_post" in read and "meetings_meeting" not in read


def test_a_profile_renders_only_the_sections_whose_data_changed(
    db, django_capture_on_commit_callbacks
):
    from tests.workgroups.factories import member_group

    group = member_group(lead=OrganisationFactory(), name="Arbeitsgruppe Quartiersfonds")
    organisation = group.lead_organisation
    url = organisation.get_absolute_url()
    page, read = visit_fresh(url)
    assert "Arbeitsgruppe Quartiersfonds" in page
    with django_capture_on_commit_callbacks(execute=True):
        MeetingFactory()  # meetings: not shown on a profile
    again, read = visit_fresh(url)
    assert again == page
    assert "workgroups_" not in read and "posts_" not in read and "materials_" not in read
    with django_capture_on_commit_callbacks(execute=True):
        PostFactory(published=True, organisation=organisation, title="Tag der offenen Tür")
    page, read = visit_fresh(url)
    assert "Tag der offenen Tür" in page and "Arbeitsgruppe Quartiersfonds" in page
    assert "posts_post" in read and "workgroups_" not in read


def test_a_visitors_header_is_kept_per_address_and_follows_the_network_settings(
    db, coordinator, django_capture_on_commit_callbacks
):
    from netzwerk import services

    for url in (reverse("partners:list"), reverse("meetings:list"), "/partner/?page=1"):
        for _ in range(2):  # rendered, then kept in this process
            page = visit_fresh(url)[0]
            path = url.split("?")[0]
            assert f'href="{path}" aria-current="page"' in page
            assert f'name="next" type="hidden" value="{url}"' in page
            assert page.count('aria-current="page"') == 1
            assert "Abmelden" not in page
    logged_in = Client()
    logged_in.force_login(coordinator)
    assert "Abmelden" in logged_in.get(reverse("partners:list")).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        services.update_network_settings(
            by=coordinator,
            data={
                "name": "Netzwerk Beteiligung in Musterstadt",
                "short_name": "Netzwerk Beteiligung",
                "brand": "Netzwerk Beteiligung Musterstadt",
                "city": "Musterstadt",
                "contact_email": "",
                "contact_address": "",
            },
            districts=[("mitte", "Mitte")],
        )
    page = visit_fresh(reverse("partners:list"))[0]
    assert 'href="/">Netzwerk Beteiligung Musterstadt<span' in page  # the header's brand
    assert "in der Stadt Musterstadt" in page


def test_the_in_process_copy_is_not_served_after_a_write_in_another_process(db):
    # What another worker's write does: it replaces the app's generation in the
    # shared cache; this process's copy of the fragment no longer matches.
    rendered = []

    def render():
        rendered.append(1)
        return f"<p>{len(rendered)}</p>"

    for _ in range(3):
        assert fragments.cached_fragment("test:memo", ["posts"], render) == "<p>1</p>"
    fragments.bump("posts")
    assert fragments.cached_fragment("test:memo", ["posts"], render) == "<p>2</p>"
    fragments.bump("workgroups")
    assert fragments.cached_fragment("test:memo", ["posts"], render) == "<p>2</p>"
    assert len(rendered) == 2


def test_the_in_process_copies_are_bounded(db):
    for number in range(fragments.MEMO_ENTRIES + 50):
        fragments.cached_fragment("test:many", ["posts"], lambda: "<p>x</p>", vary=[number])
    assert len(fragments._memo.entries) <= fragments.MEMO_ENTRIES
    big = "x" * (fragments.MEMO_VALUE_SIZE + 1)
    assert fragments.cached_fragment("test:big", ["posts"], lambda: big) == big
    assert not any("test:big" in key for key in fragments._memo.entries)


# --- Logged in: the header per links, the generations once per request -----------------


def test_a_logged_in_header_is_kept_per_links_and_holds_this_requests_token(client_as):
    url = reverse("meetings:list")
    coordinator, partner = client_as("coordinator"), client_as("representative")
    fragments._memo.entries.clear()  # this process's copies, of earlier tests too
    pages = {}
    for _ in range(2):  # rendered, then kept in this process
        for client, name in ((coordinator, "coordinator"), (partner, "partner")):
            pagecache.invalidate()  # as after any write: the page itself is rendered again
            pages.setdefault(name, []).append(client.get(url).content.decode())
    kept = [key for key in fragments._memo.entries if ":site:header:person:" in key]
    assert len(kept) == 2  # one header for each set of links
    for name, (first, again) in pages.items():
        assert ('href="/koordination/"' in first) is (name == "coordinator")
        assert 'href="/mein-netzwerk/"' in first and "Abmelden" in first
        assert f'href="{url}" aria-current="page"' in first
        # The same header, but the logout form carries the token of each request.
        assert TOKEN.sub("", again) == TOKEN.sub("", first)
    # The token in a page rendered with kept header parts is one the session accepts.
    partner.handler.enforce_csrf_checks = True
    partner.get(url)
    token = TOKEN.search(partner.get(url).content.decode()).group(1)
    assert (
        partner.post(reverse("account_logout"), {"csrfmiddlewaretoken": token}).status_code == 302
    )
    assert partner.get(reverse("partners:my_network")).status_code == 302


def test_a_coordinator_who_loses_the_role_loses_the_link_in_the_kept_header(client_as):
    from django.contrib.auth.models import Group

    from core.roles import COORDINATOR_GROUP

    client = client_as("coordinator")
    url = reverse("posts:list")
    for _ in range(2):
        assert 'href="/koordination/"' in client.get(url).content.decode()
    client.user.groups.remove(Group.objects.get(name=COORDINATOR_GROUP))
    assert 'href="/koordination/"' not in client.get(url).content.decode()


def test_a_page_reads_each_apps_generation_once(client_as, monkeypatch):
    from django.core.cache import cache

    client = client_as("coordinator")
    url = reverse("coordination")
    client.get(url)
    read = []
    get_many = cache.get_many

    def recording(keys, *args, **kwargs):
        read.extend(k for k in keys if k.startswith(fragments.GENERATION_PREFIX))
        return get_many(keys, *args, **kwargs)

    monkeypatch.setattr(cache, "get_many", recording)
    pagecache.invalidate()  # the page itself is rendered again, from its fragments
    assert client.get(url).status_code == 200
    # Eleven fragments (header, panels, footer) of six apps: each generation read once.
    assert read and len(read) == len(set(read))


def test_a_write_during_a_request_is_seen_by_its_later_fragments(
    db, django_capture_on_commit_callbacks
):
    from django.http import HttpResponse
    from django.test import RequestFactory

    rendered = []

    def render():
        rendered.append(1)
        return f"<p>{len(rendered)}</p>"

    def view(request):
        first = fragments.cached_fragment("test:in-request", ["posts"], render)
        again = fragments.cached_fragment("test:in-request", ["posts"], render)
        with django_capture_on_commit_callbacks(execute=True):
            PostFactory()  # committed: the posts' generation moves
        after = fragments.cached_fragment("test:in-request", ["posts"], render)
        return HttpResponse(first + again + after)

    middleware = fragments.ReadGenerationsOncePerRequest(view)
    response = middleware(RequestFactory().get("/"))
    assert response.content.decode() == "<p>1</p><p>1</p><p>2</p>"
