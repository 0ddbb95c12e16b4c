"""Write locale/de/LC_MESSAGES/django.po and .mo from tools/german_overrides.json.

Our own strings are German in the source and need no German catalog. This one only
overrides texts of Django and django-allauth: allauth's German addresses people
with "du" where the rest of the site says "Sie", and Django 6.1 brought strings
("- Select an option -") that have no German translation yet. Catalogs in
LOCALE_PATHS take precedence over those of the installed apps.

Usage: python tools/build_german_overrides.py
"""

import json
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "tools" / "german_overrides.json"
PO = ROOT / "locale" / "de" / "LC_MESSAGES" / "django.po"


def main():
    overrides = json.loads(SOURCE.read_text(encoding="utf-8"))
    po = polib.POFile()
    po.metadata = {
        "Project-Id-Version": "netzwerk",
        "Language": "de",
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Plural-Forms": "nplurals=2; plural=(n != 1);",
    }
    for msgid, msgstr in overrides.items():
        po.append(polib.POEntry(msgid=msgid, msgstr=msgstr))
    PO.parent.mkdir(parents=True, exist_ok=True)
    po.save(str(PO))
    po.save_as_mofile(str(PO.with_suffix(".mo")))
    print(f"{len(po)} German overrides written to {PO.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
