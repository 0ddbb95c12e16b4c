import datetime
import xml.etree.ElementTree as ET
import zoneinfo

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from posts.ical import event_uid
from tests.posts.factories import PostFactory

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
HOSTILE_BODY = """Hallo!

<script>alert("x")</script>
<img src="x" onerror="alert('y')">
<a href="https://example.org/" onclick="steal()">Klick</a>
[Harmlos aussehender Link](javascript:alert('z'))
<iframe src="https://evil.example/"></iframe>
"""


def _assert_harmless(text):
    lowered = text.lower()
    assert "<script" not in lowered
    assert "onerror" not in lowered
    assert "onclick" not in lowered
    assert "javascript:" not in lowered
    assert "<iframe" not in lowered


def test_script_handlers_and_javascript_links_never_reach_the_page_or_the_feed(client):
    post = PostFactory(published=True, title="Vorsicht", body=HOSTILE_BODY)
    page = client.get(post.get_absolute_url())
    body = page.text.split('<div class="post-body">', 1)[1].split("</div>", 1)[0]
    _assert_harmless(body)
    assert "Hallo!" in body
    assert 'href="https://example.org/"' in body

    feed = client.get(reverse("posts:feed"))
    root = ET.fromstring(feed.content)  # noqa: S314 - our own feed
    content = "".join(e.text or "" for e in root.iter(f"{ATOM}summary"))
    assert "Hallo!" in content
    _assert_harmless(content)


def test_one_posts_link_definitions_never_reach_another_post(client):
    """The Markdown converter is reused between texts: nothing of one text may leak."""
    first = PostFactory(
        published=True, title="Erster", body="[ziel]: https://evil.example/\n\nHallo"
    )
    second = PostFactory(published=True, title="Zweiter", body="Siehe [hier][ziel].")
    # A definition shows no link by itself, and the next text read does not inherit it.
    assert "evil.example" not in client.get(first.get_absolute_url()).text
    assert "evil.example" not in client.get(second.get_absolute_url()).text
    feed = client.get(reverse("posts:feed")).text
    assert "evil.example" not in feed
    assert "Siehe [hier][ziel]." in feed


def test_atom_feed_is_xml_in_the_atom_namespace_with_the_published_posts(client):
    PostFactory(published=True, title="Neues aus Linden")
    PostFactory(submitted=True, title="Noch nicht freigegeben")
    response = client.get(reverse("posts:feed"))
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)  # noqa: S314 - our own feed
    assert root.tag == f"{ATOM}feed"
    titles = [e.findtext(f"{ATOM}title") for e in root.findall(f"{ATOM}entry")]
    assert titles == ["Neues aus Linden"]
    link = root.find(f"{ATOM}entry/{ATOM}link").get("href")
    assert link.endswith("/aktuelles/neues-aus-linden/")


def test_events_calendar_parses_with_stable_uids_in_berlin_time(client):
    start = datetime.datetime(2030, 6, 1, 18, 30, tzinfo=zoneinfo.ZoneInfo("Europe/Berlin"))
    event = PostFactory(
        published=True,
        event=True,
        title="Lesung im Park",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
        place="Von-Alten-Garten",
    )
    PostFactory(published=True, title="Nur eine Neuigkeit")
    PostFactory(submitted=True, event=True, title="Unveröffentlichter Termin")

    first = client.get(reverse("posts:calendar"))
    assert first["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(first.content)
    events = calendar.walk("VEVENT")
    assert [str(e["summary"]) for e in events] == ["Lesung im Park"]
    vevent = events[0]
    assert str(vevent["uid"]) == event_uid(event)
    assert str(vevent["location"]) == "Von-Alten-Garten"
    assert vevent.decoded("dtstart") == start
    assert str(vevent["dtstart"].params["TZID"]) == "Europe/Berlin"
    assert calendar.walk("VTIMEZONE")

    second = Calendar.from_ical(client.get(reverse("posts:calendar")).content)
    assert [str(e["uid"]) for e in second.walk("VEVENT")] == [str(vevent["uid"])]


def test_post_list_filters_by_kind_and_partner_and_hides_past_events(client, partner_org):
    PostFactory(published=True, title="Neuigkeit aus Linden", organisation=partner_org)
    PostFactory(published=True, event=True, title="Termin aus Linden", organisation=partner_org)
    PostFactory(published=True, event=True, title="Termin anderswo")
    past = timezone.now() - datetime.timedelta(days=10)
    PostFactory(
        published=True,
        event=True,
        title="Vergangener Termin",
        starts_at=past,
        ends_at=past + datetime.timedelta(hours=1),
    )
    everything = client.get(reverse("posts:list")).text
    assert "Neuigkeit aus Linden" in everything
    assert "Termin anderswo" in everything
    assert "Vergangener Termin" not in everything

    events = client.get(reverse("posts:list"), {"kind": "event"}).text
    main = events.split("<aside", 1)[0]
    assert "Termin aus Linden" in main
    assert "Neuigkeit aus Linden" not in main

    linden = client.get(reverse("posts:list"), {"organisation": partner_org.slug}).text
    main = linden.split("<aside", 1)[0]
    assert "Neuigkeit aus Linden" in main
    assert "Termin anderswo" not in main


def test_post_list_queries_do_not_grow_with_the_number_of_posts(
    client, django_assert_max_num_queries
):
    for _ in range(3):
        PostFactory(published=True)
        PostFactory(published=True, event=True)
    with django_assert_max_num_queries(8) as few:
        client.get(reverse("posts:list"))
    for _ in range(12):
        PostFactory(published=True)
        PostFactory(published=True, event=True)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("posts:list"))
    assert response.context["is_paginated"]


def test_home_shows_the_latest_three_published_posts(client):
    for number in range(5):
        PostFactory(published=True, title=f"Meldung {number}")
    text = client.get(reverse("home")).text
    assert "Meldung 4" in text
    assert "Meldung 2" in text
    assert "Meldung 1" not in text


def test_partner_profile_section_lists_its_published_posts(rf, partner_org):
    from posts.hooks import profile_sections

    PostFactory(published=True, organisation=partner_org, title="Veröffentlicht")
    PostFactory(submitted=True, organisation=partner_org, title="Eingereicht")
    (section,) = profile_sections(rf.get("/"), partner_org)
    assert [p.title for p in section["posts"]()] == ["Veröffentlicht"]


def test_post_image_is_served_through_the_view_never_from_media(client):
    post = PostFactory(published=True, with_image=True)
    page = client.get(post.get_absolute_url()).text
    assert reverse("posts:image", kwargs={"slug": post.slug}) in page
    assert "/media/" not in page
    image = client.get(reverse("posts:image", kwargs={"slug": post.slug}))
    assert image["Content-Type"] == "image/png"
    assert image["X-Content-Type-Options"] == "nosniff"


def test_uploaded_image_must_really_be_an_image(client_as, partner_org):
    from django.core.files.uploadedfile import SimpleUploadedFile

    fake = SimpleUploadedFile("bild.png", b"<html><script>alert(1)</script></html>")
    response = client_as("partner_contact").post(
        reverse("posts:create"),
        {
            "organisation": partner_org.pk,
            "kind": "news",
            "title": "Mit Bild",
            "teaser": "x",
            "image": fake,
            "image_alt": "Bild",
        },
    )
    assert response.status_code == 200
    assert "PNG, JPEG oder WebP" in response.text


def test_event_needs_a_start(client_as, partner_org):
    response = client_as("partner_contact").post(
        reverse("posts:create"),
        {"organisation": partner_org.pk, "kind": "event", "title": "Ohne Zeit", "teaser": "x"},
    )
    assert response.status_code == 200
    assert "braucht einen Beginn" in response.text


def test_partner_uploads_an_image_that_is_re_encoded_and_can_clear_it(client_as, partner_org):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from posts.models import Post
    from tests.posts.factories import png_bytes

    client = client_as("partner_contact")
    response = client.post(
        reverse("posts:create"),
        {
            "organisation": partner_org.pk,
            "kind": "news",
            "title": "Mit Bild",
            "teaser": "x",
            "image": SimpleUploadedFile("foto.png", png_bytes()),
            "image_alt": "Ein Foto",
        },
    )
    assert response.status_code == 302
    post = Post.objects.get(title="Mit Bild")
    assert post.image.name.startswith("beitraege/")
    assert "foto" not in post.image.name
    image = client.get(reverse("posts:image", kwargs={"slug": post.slug}))
    assert image.status_code == 200
    assert (
        client_as("anonymous").get(reverse("posts:image", kwargs={"slug": post.slug})).status_code
        == 404
    )

    client.post(
        reverse("posts:update", kwargs={"slug": post.slug}),
        {"kind": "news", "title": "Mit Bild", "teaser": "x", "image-clear": "on"},
    )
    post.refresh_from_db()
    assert not post.image
