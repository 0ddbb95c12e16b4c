"""The site in English reads as written in English (issue 17, finding 6).

Someone switches to English in the header and walks the public pages and, as a
partner's representative, the partner area: no visible text (nor a label, title or
placeholder) may be one of the site's own German strings — the msgids of the English
catalog whose translation differs from them. Text marked lang="de" (the legal texts
that exist only in German, the switch back to "Deutsch") and data (names, addresses,
posts) are not the site's strings; ALLOWED lists the few terms kept on purpose.
"""

import re
from pathlib import Path

import polib
import pytest
from django.apps import apps
from django.db import models
from django.urls import reverse

from tests.matrix import all_rows
from tests.test_i18n import OUR_APPS

CATALOG = Path(__file__).resolve().parents[2] / "locale" / "en" / "LC_MESSAGES" / "django.po"
STRIP = " ,.:;–-()„“”\"'?!…·"
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\{[^}]*\}\}")
# German on purpose in English mode: the network's own name is a proper name.
ALLOWED = {"Netzwerk Bürgermitwirkung", "Netzwerk Bürgermitwirkung Hannover"}

# Visible text nodes outside [lang="de"], plus the labels a screen reader reads.
PAGE_TEXT = """() => {
  const parts = [document.title];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    if (!el || el.closest('[lang="de"], script, style, template')) continue;
    if (!el.checkVisibility()) continue;
    parts.push(node.textContent);
  }
  for (const el of document.querySelectorAll('[aria-label], [title], [placeholder], [alt]')) {
    if (el.closest('[lang="de"]')) continue;
    for (const name of ['aria-label', 'title', 'placeholder', 'alt']) {
      if (el.hasAttribute(name)) parts.push(el.getAttribute(name));
    }
  }
  return parts;
}"""


def german_phrases():
    """The site's German strings that English pages must not show.

    A msgid with placeholders contributes its fixed pieces of two words or more.
    Returns (phrases, words): phrases of two words or more are looked for anywhere in
    the page's text; single words only as the whole text of a node (a heading, a
    label, a badge, a button), since names and posts may contain them as data.
    """
    phrases, words = set(), set()
    for entry in polib.pofile(str(CATALOG)):
        translations = [entry.msgstr, *entry.msgstr_plural.values()]
        for msgid in filter(None, [entry.msgid, entry.msgid_plural]):
            if msgid in translations or "<" in msgid:
                continue
            for piece in PLACEHOLDER.split(msgid):
                piece = " ".join(piece.split()).strip(STRIP)
                if not piece or piece in ALLOWED or piece in translations:
                    continue
                if len(piece) < 4 or not re.search(r"[a-zäöüß]", piece):
                    continue
                if len(piece.split()) > 1:
                    phrases.add(piece)
                elif not PLACEHOLDER.search(msgid):
                    words.add(piece)
    patterns = [(p, re.compile(r"(?<!\w)" + re.escape(p) + r"(?!\w)")) for p in sorted(phrases)]
    return patterns, words


def data_texts():
    """Every text stored in our apps' tables (names, titles, posts, resolutions, the
    agreement): German data is not the site's strings, and stays German."""
    texts = set()
    for model in apps.get_models():
        if model._meta.app_label not in OUR_APPS or model.__name__.startswith("Historical"):
            continue
        names = [
            f.name
            for f in model._meta.concrete_fields
            if isinstance(f, models.CharField | models.TextField) and not f.choices
        ]
        for row in model.objects.values_list(*names) if names else ():
            texts.update(" ".join(v.split()) for v in row if isinstance(v, str) and v.strip())
    return texts


def german_on(page, german):
    patterns, words = german
    data = data_texts()
    texts = [" ".join(t.split()) for t in page.evaluate(PAGE_TEXT)]
    # A node whose text is (part of) stored data shows data, not a site string.
    texts = [t for t in texts if not any(t.strip(STRIP) in d for d in data)]
    text = " | ".join(texts)
    for name in ALLOWED:
        text = text.replace(name, "")
    # Data quoted inside a site string ("“<subject>” goes to 4 addresses", a title):
    # the data is not the site's, whatever words it happens to share with the catalog.
    for stored in sorted((d for d in data if len(d) >= 8), key=len, reverse=True):
        text = text.replace(stored, "")
    found = [
        f"{phrase!r} in …{text[max(m.start() - 40, 0) : m.end() + 40]}…"
        for phrase, pattern in patterns
        if (m := pattern.search(text))
    ]
    found += sorted({t.strip(STRIP) for t in texts} & words)
    return found


def pages_of(world, role):
    for row in all_rows():
        if row.method != "get" or row.expected[role] != 200 or row.name.startswith("admin:"):
            continue
        kwargs = row.resolve_kwargs(world)
        args = {"args": kwargs["args"]} if "args" in kwargs else {"kwargs": kwargs}
        yield reverse(row.name, **args) + row.query


def english(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    return client


@pytest.mark.parametrize("role", ["anonymous", "representative"])
def test_english_pages_show_no_german_strings_of_the_site(role, world, client_as, served_by):
    """The public pages (anonymous) and the partner area (a representative, who also
    sees the public pages logged in): every page the role opens with 200."""
    show = served_by(english(client_as(role)))
    german = german_phrases()
    found, checked = {}, 0
    for url in pages_of(world, role):
        response = show(url)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        assert show.page.locator("html").get_attribute("lang") == "en", url
        if shown := german_on(show.page, german):
            found[url] = shown
        checked += 1
    assert checked > 10, f"only {checked} pages walked for {role}"
    assert not found, "German strings in English mode:\n" + "\n".join(
        f"{url}: {words}" for url, words in found.items()
    )


@pytest.mark.django_db(transaction=True)
def test_the_header_switch_turns_the_site_english(page, live_server, assert_accessible):
    page.goto(f"{live_server.url}/netzwerk/")
    assert page.locator("html").get_attribute("lang") == "de"
    page.get_by_role("button", name="English").click()
    page.wait_for_load_state()
    assert page.url == f"{live_server.url}/netzwerk/"
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("link", name="Skip to content").count() == 1
    assert not german_on(page, german_phrases())
    assert "available in German only" in page.locator("main").inner_text()
    assert_accessible(page)
    page.goto(f"{live_server.url}/datenschutz/")
    assert "available in German only" in page.locator("main").inner_text()
    assert page.locator("main [lang=de] h2").first.is_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Deutsch").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "de"
