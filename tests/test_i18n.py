import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import polib
import pytest
from django.apps import apps
from django.template import Context, Template
from django.test import Client
from django.utils import translation

from core.models import SitePage
from partners.models import District, FieldOfEngagement

ROOT = Path(__file__).resolve().parent.parent
CATALOG = ROOT / "locale" / "en" / "LC_MESSAGES"
# Every catalog the site ships: ours, and our wording of Django's and allauth's texts.
CATALOGS = [
    CATALOG / "django.po",
    ROOT / "locale_overrides" / "de" / "LC_MESSAGES" / "django.po",
    ROOT / "locale_overrides" / "en" / "LC_MESSAGES" / "django.po",
]
BERLIN = ZoneInfo("Europe/Berlin")

# German words with more than one English meaning in this site: each use says which
# (pgettext / {% translate … context … %}); a use without a context is a bug.
AMBIGUOUS = {
    "angenommen": {"nomination status": "accepted", "resolution outcome": "adopted"},
    "abgelehnt": {
        "nomination status": "declined",
        "membership request status": "declined",
        "resolution outcome": "rejected",
        "application status": "rejected",
        "post status": "rejected",
    },
    "Ort": {"venue": "Venue", "postal address": "Town", "place of signing": "Place"},
    "Stand": {"progress of an item": "Status", "date of a document": "As of"},
}
# Choice labels that several models share and that mean the same in each.
SAME_EVERYWHERE = {"Entwurf", "abgesagt", "aktiv", "ausgetreten", "geplant", "veröffentlicht"}
OUR_APPS = {
    "netzwerk",
    "partners",
    "meetings",
    "elections",
    "workgroups",
    "posts",
    "materials",
    "circulars",
}


def english_catalog():
    return polib.pofile(str(CATALOG / "django.po"))


@pytest.mark.parametrize("path", CATALOGS, ids=lambda p: str(p.relative_to(ROOT)))
def test_catalog_has_no_untranslated_or_fuzzy_entries(path):
    po = polib.pofile(str(path))
    untranslated = [(e.msgctxt, e.msgid) for e in po.untranslated_entries()]
    fuzzy = [(e.msgctxt, e.msgid) for e in po.fuzzy_entries()]
    assert not untranslated, f"Untranslated in {path.name}: {untranslated[:20]}"
    assert not fuzzy, f"Fuzzy in {path.name} (check, then remove the flag): {fuzzy[:20]}"


@pytest.mark.parametrize("path", CATALOGS, ids=lambda p: str(p.relative_to(ROOT)))
def test_compiled_catalog_matches_the_po_file(path):
    po = polib.pofile(str(path))
    mo = polib.mofile(str(path.with_suffix(".mo")))
    compiled = {(e.msgctxt, e.msgid): (e.msgstr, e.msgstr_plural) for e in mo}
    stale = [
        e.msgid
        for e in po.translated_entries()
        if compiled.get((e.msgctxt, e.msgid)) != (e.msgstr, e.msgstr_plural)
    ]
    assert not stale, f"{path.with_suffix('.mo')} is out of date (run `make messages`): {stale}"


def test_no_json_side_files_feed_the_catalog():
    assert not (ROOT / "tools" / "translations").exists()
    assert not (ROOT / "tools" / "apply_translations.py").exists()


@pytest.mark.parametrize("msgid", sorted(AMBIGUOUS))
def test_ambiguous_words_are_only_used_with_a_context(msgid):
    entries = [e for e in english_catalog() if e.msgid == msgid]
    assert entries, f"{msgid!r} is no longer in the catalog: drop it from AMBIGUOUS"
    without = [e for e in entries if e.msgctxt is None]
    assert not without, f"{msgid!r} is used without pgettext context somewhere"
    assert {e.msgctxt: e.msgstr for e in entries} == AMBIGUOUS[msgid]


def test_a_msgid_with_a_context_is_never_used_without_one():
    """Once a word needed a context, every use of it says which meaning it has."""
    po = english_catalog()
    with_context = {e.msgid for e in po if e.msgctxt}
    bare = sorted(e.msgid for e in po if e.msgctxt is None and e.msgid in with_context)
    assert not bare, f"used both with and without a context: {bare}"


def test_choice_labels_shared_by_models_carry_a_context():
    """A status word that two models share either means the same in both (and is
    listed in SAME_EVERYWHERE) or is translated with a context per model."""
    po = english_catalog()
    bare_msgids = {e.msgid for e in po if e.msgctxt is None}
    models_of = {}
    for model in apps.get_models():
        name = model.__name__
        if model._meta.app_label not in OUR_APPS or name.startswith("Historical"):
            continue
        for field in model._meta.concrete_fields:
            with translation.override("de"):
                for _, label in field.flatchoices or ():
                    models_of.setdefault(str(label), set()).add(name)
    shared = {label for label, models in models_of.items() if len(models) > 1}
    unexplained = sorted(label for label in shared - SAME_EVERYWHERE if label in bare_msgids)
    assert not unexplained, f"shared choice labels without a context: {unexplained}"


def test_statuses_read_in_english_by_their_meaning():
    from elections.models import Nomination
    from meetings.models import Resolution
    from partners.models import Organisation

    with translation.override("en"):
        assert Nomination.Status.ACCEPTED.label == "accepted"
        assert Nomination.Status.DECLINED.label == "declined"
        assert Resolution.Outcome.ADOPTED.label == "adopted"
        assert Resolution.Outcome.REJECTED.label == "rejected"
        assert Organisation.Status.REJECTED.label == "rejected"
    with translation.override("de"):
        assert Nomination.Status.ACCEPTED.label == Resolution.Outcome.ADOPTED.label == "angenommen"


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


def english_client():
    client = Client()
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    return client


def test_allauth_titles_read_like_the_rest_of_the_site_in_english(db):
    client = english_client()
    login = " ".join(client.get("/konto/login/").text.split())
    signup = " ".join(client.get("/konto/signup/").text.split())
    assert "<title> Log in –" in login and "<h1> Log in </h1>" in login
    assert "Sign In" not in login and "Sign in" not in login
    assert "<title> Sign up –" in signup and "<h1> Sign up </h1>" in signup
    assert "Signup" not in signup and "Sign Up" not in signup
    # German stays allauth's German with our overrides.
    assert "Anmeldung" in Client().get("/konto/login/").text


@pytest.mark.parametrize("slug", SitePage.Slug.values)
def test_legal_pages_say_in_english_that_they_are_german_only(db, slug):
    page = SitePage.objects.get(slug=slug)
    english = english_client().get(page.get_absolute_url()).text
    assert "This page is available in German only" in english
    assert '<div class="agreement-paragraph" lang="de">' in english
    with translation.override("en"):
        assert f"<h1>{page.get_slug_display()}</h1>" in english
    german = Client().get(page.get_absolute_url()).text
    assert "German only" not in german and f"<h1>{page.title}</h1>" in german


def test_fields_of_engagement_and_districts_are_translated(db):
    education = FieldOfEngagement.objects.get(slug="bildung")
    older = FieldOfEngagement.objects.get(slug="seniorinnen")
    added = FieldOfEngagement.objects.create(name="Tierschutz", slug="tierschutz")
    with translation.override("en"):
        assert (str(education), str(older), str(added)) == (
            "Education",
            "Older people",
            "Tierschutz",
        )
        assert District.NORD.label == "Nord (north)"
        assert District.LINDEN_LIMMER.label == "Linden-Limmer"
    with translation.override("de"):
        assert (str(education), str(older)) == ("Bildung", "Senior*innen")
        assert District.NORD.label == "Nord"
    english = english_client().get("/partner/").text
    assert "Education" in english and ">Bildung<" not in english


MEETING = (
    datetime.datetime(2027, 3, 11, 17, 0, tzinfo=BERLIN),
    datetime.datetime(2027, 3, 11, 19, 30, tzinfo=BERLIN),
)


def render(source, language, **context):
    template = Template("{% load netzwerk_dates %}" + source)
    with translation.override(language):
        return template.render(Context(context))


@pytest.mark.parametrize(
    ("language", "start", "end", "expected"),
    [
        ("de", *MEETING, "Donnerstag, 11. März 2027, 17:00–19:30 Uhr"),
        ("en", *MEETING, "Thursday, 11 March 2027, 5:00–7:30 pm"),
        (
            "en",
            datetime.datetime(2027, 3, 11, 11, 0, tzinfo=BERLIN),
            datetime.datetime(2027, 3, 11, 13, 30, tzinfo=BERLIN),
            "Thursday, 11 March 2027, 11:00 am–1:30 pm",
        ),
        (
            "en",
            datetime.datetime(2027, 3, 11, 17, 0, tzinfo=BERLIN),
            datetime.datetime(2027, 3, 12, 13, 0, tzinfo=BERLIN),
            "Thursday, 11 March 2027, 5:00 pm – 12 March 2027, 1:00 pm",
        ),
    ],
)
def test_time_ranges_in_each_language(language, start, end, expected):
    plain = render("{% time_range start end plain=True %}", language, start=start, end=end)
    assert plain == expected
    html = render("{% time_range start end %}", language, start=start, end=end)
    assert 'datetime="2027-03-11T' in html and "<time" in html


def test_dates_and_times_in_each_language():
    start = MEETING[0]
    source = '{{ d|date:"DATE_FORMAT" }} | {{ d|date:"DATETIME_FORMAT" }} | {{ d|weekday_date }}'
    assert render(source, "de", d=start) == (
        "11. März 2027 | 11. März 2027, 17:00 Uhr | Donnerstag, 11. März 2027"
    )
    assert render(source, "en", d=start) == (
        "11 March 2027 | 11 March 2027, 5:00 pm | Thursday, 11 March 2027"
    )
    assert render('{{ d|date:"SHORT_DATE_FORMAT" }}', "de", d=start.date()) == "11.03.2027"
    assert render('{{ d|date:"SHORT_DATE_FORMAT" }}', "en", d=start.date()) == "11 Mar 2027"


def test_templates_use_named_date_formats():
    """A date format written into a template is German in every language."""
    offenders = []
    for path in (ROOT / "templates").rglob("*.*"):
        text = path.read_text(encoding="utf-8")
        for literal in ('date:"j. F', 'date:"l, j.', '"Uhr" %}', "}} Uhr"):
            if literal in text:
                offenders.append(f"{path.relative_to(ROOT)}: {literal}")
    assert not offenders, offenders


def test_admin_delete_page_is_german_in_german_mode(client_as):
    """Django 6.1's admin asks with new msgids (“…” quotes) its German catalog lacks;
    locale_overrides/de has them."""
    field = FieldOfEngagement.objects.get(slug="bildung")
    response = client_as("coordinator").get(f"/admin/partners/fieldofengagement/{field.pk}/delete/")
    assert response.status_code == 200
    text = response.text
    assert "Are you sure" not in text
    assert "Sind Sie sicher, dass Sie Engagementfeld „Bildung“ löschen wollen?" in text


def test_meeting_page_in_english_has_a_venue_and_english_times(db, clock):
    from tests.meetings.factories import MeetingFactory

    clock(datetime.datetime(2027, 3, 1, 12, 0, tzinfo=BERLIN))
    meeting = MeetingFactory(start=MEETING[0], end=MEETING[1])
    english = " ".join(english_client().get(meeting.get_absolute_url()).text.split())
    assert ">Venue<" in english and ">Town<" not in english
    assert "Thursday, 11 March 2027, 5:00</time>–<time" in english
    assert "7:30 pm</time>" in english and "o’clock" not in english
    german = " ".join(Client().get(meeting.get_absolute_url()).text.split())
    assert ">Ort<" in german and "Donnerstag, 11. März 2027, 17:00</time>" in german
    assert "19:30 Uhr</time>" in german
