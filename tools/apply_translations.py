"""Fill English translations into locale/en/LC_MESSAGES/django.po from a JSON file.

Usage: python tools/apply_translations.py translations.json
The JSON maps German msgids to English; plural entries map to a list [singular, plural].
Entries already translated are left alone unless --overwrite is given.
"""

import json
import sys
from pathlib import Path

import polib

PO = Path(__file__).resolve().parent.parent / "locale" / "en" / "LC_MESSAGES" / "django.po"


def main(path, overwrite=False):
    translations = json.loads(Path(path).read_text(encoding="utf-8"))
    po = polib.pofile(str(PO))
    filled = 0
    for entry in po:
        if entry.msgid not in translations:
            continue
        if entry.translated() and not overwrite and "fuzzy" not in entry.flags:
            continue
        value = translations[entry.msgid]
        if entry.msgid_plural:
            singular, plural = value if isinstance(value, list) else (value, value)
            entry.msgstr_plural = {0: singular, 1: plural}
        else:
            entry.msgstr = value
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
        filled += 1
    po.save(str(PO))
    po.save_as_mofile(str(PO.with_suffix(".mo")))
    missing = [e.msgid for e in po.untranslated_entries()]
    print(f"{filled} filled, {len(missing)} still untranslated")
    for msgid in missing:
        print("  ", json.dumps(msgid, ensure_ascii=False))


if __name__ == "__main__":
    main(sys.argv[1], overwrite="--overwrite" in sys.argv)
