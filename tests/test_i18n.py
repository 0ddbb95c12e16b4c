from pathlib import Path

import polib
from django.test import Client
from django.utils import translation

CATALOG = Path(__file__).resolve().parent.parent / "locale" / "en" / "LC_MESSAGES"


def test_english_catalog_has_no_untranslated_or_fuzzy_entries():
    po = polib.pofile(str(CATALOG / "django.po"))
    untranslated = [e.msgid for e in po.untranslated_entries()]
    fuzzy = [e.msgid for e in po.fuzzy_entries()]
    assert not untranslated, f"Untranslated: {untranslated[:20]}"
    assert not fuzzy, f"Fuzzy: {fuzzy[:20]}"


def test_compiled_catalog_matches_the_po_file():
    po = polib.pofile(str(CATALOG / "django.po"))
    mo = polib.mofile(str(CATALOG / "django.mo"))
    compiled = {(e.msgctxt, e.msgid): (e.msgstr, e.msgstr_plural) for e in mo}
    stale = [
        e.msgid
        for e in po.translated_entries()
        if compiled.get((e.msgctxt, e.msgid)) != (e.msgstr, e.msgstr_plural)
    ]
    assert not stale, f"django.mo is out of date (run `make messages`): {stale[:10]}"


def test_interface_is_german_by_default(db):
    response = Client().get("/")
    assert response["Content-Language"] == "de"
    assert "Zum Inhalt springen" in response.text


def test_language_switch_shows_english(db):
    client = Client()
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"}, follow=True)
    assert response["Content-Language"] == "en"
    assert "Skip to content" in response.text
    with translation.override("de"):
        assert "Zum Inhalt springen" in Client().get("/").text


def test_browser_language_does_not_switch_the_interface(db):
    response = Client(HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").get("/")
    assert response["Content-Language"] == "de"
    assert "Zum Inhalt springen" in response.text


def test_german_overrides_are_compiled_from_their_source():
    import json

    source = Path(__file__).resolve().parent.parent / "tools" / "german_overrides.json"
    overrides = json.loads(source.read_text(encoding="utf-8"))
    mo = polib.mofile(str(CATALOG.parent.parent / "de" / "LC_MESSAGES" / "django.mo"))
    compiled = {e.msgid: e.msgstr for e in mo if e.msgid}
    assert compiled == overrides, "run `make messages` (tools/build_german_overrides.py)"
