"""A second network (`seed_demo --network=musterstadt`) never speaks of Hannover.

The network's identity is data (core.models.NetworkSettings): with the Musterstadt
demo loaded, every page each visitor reaches (tests/demo_sweep.py), every mail the
demo sent, the feeds, the calendars, OParl and a declaration PDF name Musterstadt —
neither the city nor the Hannover network's name ("Bürgermitwirkung").
"""

import io
import json
from collections import Counter

import pytest
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from core.network import get_network
from partners.models import Declaration, Organisation
from tests.demo_sweep import VISITORS, crawl

pytestmark = pytest.mark.django_db

CITY = "Hannover"
# The Hannover network's name; Musterstadt's is "Netzwerk Bürgerbeteiligung".
NAME = "Bürgermitwirkung"


def _names_hannover(text):
    return CITY in text or NAME in text


def _client(other_demo_network, visitor):
    client = Client()
    user = other_demo_network.users[visitor]
    if user is not None:
        client.force_login(user)
    return client


def test_the_settings_are_musterstadt(other_demo_network):
    network = get_network()
    assert network.name == "Netzwerk Bürgerbeteiligung Musterstadt"
    assert network.district_slugs() == [
        "altstadt",
        "nordviertel",
        "suedviertel",
        "westend",
        "ostpark",
    ]
    used = set(Organisation.objects.values_list("district", flat=True))
    assert used <= set(network.district_slugs())


def test_no_page_names_hannover(other_demo_network, settings):
    settings.MEDIA_ROOT = other_demo_network.media_root
    seen = Counter()
    found, pages = [], 0
    for visitor in VISITORS:
        client = _client(other_demo_network, visitor)
        extra = [reverse("network_settings")] if visitor == "coordinator" else []
        for url in extra:
            response = client.get(url)
            assert response.status_code == 200
            assert not _names_hannover(response.text), url
        for url, response in crawl(client.get, visitor, seen=seen):
            pages += 1
            if _names_hannover(response.content.decode()):
                found.append(f"{url} (as {visitor})")
    assert pages > 50
    assert not found, "Pages that name Hannover:\n" + "\n".join(found)


def test_no_english_page_names_hannover(other_demo_network):
    client = _client(other_demo_network, "anonymous")
    client.post(reverse("set_language"), {"language": "en"})
    for url in ["/", reverse("partners:list"), reverse("netzwerk"), reverse("partners:join")]:
        text = client.get(url).text
        assert "Musterstadt" in text and not _names_hannover(text) and "Hanover" not in text, url


def test_the_demos_mails_never_name_hannover(other_demo_network):
    mails = other_demo_network.mails
    assert len(mails) >= 5
    assert any("Musterstadt" in message.body for message in mails)
    found = [
        f"{message.subject} → {message.to}"
        for message in mails
        if _names_hannover(message.subject)
        or _names_hannover(message.body)
        or any(
            _names_hannover(str(content)) for content, _type in getattr(message, "alternatives", [])
        )
    ]
    assert not found, "Mails that name Hannover:\n" + "\n".join(found)


def test_feeds_and_calendars_never_name_hannover(other_demo_network):
    client = _client(other_demo_network, "anonymous")
    for name in ["posts:feed", "posts:calendar", "meetings:calendar"]:
        response = client.get(reverse(name))
        assert response.status_code == 200, name
        body = response.content.decode()
        assert "Musterstadt" in body and not _names_hannover(body), name
    # The logged-in calendar shows the non-public meetings too.
    body = _client(other_demo_network, "coordinator").get(reverse("meetings:calendar")).text
    assert not _names_hannover(body)


def test_oparl_never_names_hannover(other_demo_network):
    client = _client(other_demo_network, "anonymous")
    system = client.get(reverse("oparl:system")).json()
    assert system["name"] == "Netzwerk Bürgerbeteiligung Musterstadt"
    body = client.get(system["body"]).json()
    urls = [system["id"], system["body"]]
    for entry in body["data"]:
        urls.append(entry["id"])
        urls += [
            entry[key] for key in ("organization", "person", "meeting", "paper", "locationList")
        ]
    for url in urls:
        text = json.dumps(client.get(url).json(), ensure_ascii=False)
        assert not _names_hannover(text), url


def test_a_declaration_pdf_never_names_hannover(other_demo_network, settings):
    settings.MEDIA_ROOT = other_demo_network.media_root
    client = _client(other_demo_network, "partner")
    declaration = Declaration.objects.filter(
        organisation__contacts__user=other_demo_network.users["partner"]
    ).latest("signed_at")
    response = client.get(reverse("partners:declaration_pdf", kwargs={"pk": declaration.pk}))
    assert response.status_code == 200
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "Musterstadt" in text and not _names_hannover(text)


def test_the_other_networks_pages_are_valid_html(other_demo_network, settings, tmp_path):
    from tests.test_html_validity import _checker, checker_errors

    java = _checker()
    settings.MEDIA_ROOT = other_demo_network.media_root
    pages, seen = {}, Counter()
    for visitor in ["coordinator", "partner", "anonymous"]:
        client = _client(other_demo_network, visitor)
        for url, response in crawl(client.get, visitor, seen=seen, per_kind=1):
            name = f"{len(pages):04d}.html"
            (tmp_path / name).write_bytes(response.content)
            pages[name] = f"{url} (as {visitor})"
    assert len(pages) > 30
    errors = checker_errors(java, tmp_path, pages, timeout=600)
    assert not errors, "\n".join(errors[:40])
