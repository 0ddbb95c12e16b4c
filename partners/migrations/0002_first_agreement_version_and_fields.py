import datetime
import hashlib
import re
from pathlib import Path

from django.db import migrations

SEED = Path(__file__).resolve().parent.parent / "seeds" / "kooperationsvereinbarung.txt"


def clean(raw):
    """The seed is a PDF text extraction: drop U+FFFD, join hyphenated words and lines."""
    text = raw.replace("\ufffd", "").replace("\r\n", "\n")
    # "Zivilge-\nsellschaft" → "Zivilgesellschaft"; "Informations- und" keeps its hyphen.
    text = re.sub(r"(\w)-[ \t]*\n[ \t]*(\w)", r"\1\2", text)
    blocks = []
    for block in re.split(r"\n\s*\n", text):
        joined = re.sub(r"\s+", " ", " ".join(block.splitlines())).strip()
        if joined:
            blocks.append(joined)
    return blocks


def load_first_version(apps, schema_editor):
    AgreementVersion = apps.get_model("partners", "AgreementVersion")
    if AgreementVersion.objects.filter(number=1).exists():
        return
    blocks = clean(SEED.read_text(encoding="utf-8"))
    # The first two blocks are the heading: the network's name and the title.
    text = "\n\n".join(blocks[2:])
    AgreementVersion.objects.create(
        number=1,
        title=blocks[1],
        text=text,
        sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        valid_from=datetime.date(2015, 1, 1),
    )


def remove_first_version(apps, schema_editor):
    AgreementVersion = apps.get_model("partners", "AgreementVersion")
    AgreementVersion.objects.filter(number=1).delete()


FIELDS = [
    ("bildung", "Bildung"),
    ("soziales", "Soziales"),
    ("umwelt", "Umwelt"),
    ("kultur", "Kultur"),
    ("sport", "Sport"),
    ("integration", "Integration"),
    ("nachbarschaft", "Nachbarschaft"),
    ("jugend", "Jugend"),
    ("seniorinnen", "Senior*innen"),
    ("gesundheit", "Gesundheit"),
    ("inklusion", "Inklusion"),
    ("demokratie", "Demokratie und Beteiligung"),
]


def load_fields(apps, schema_editor):
    FieldOfEngagement = apps.get_model("partners", "FieldOfEngagement")
    for slug, name in FIELDS:
        FieldOfEngagement.objects.get_or_create(slug=slug, defaults={"name": name})


def remove_fields(apps, schema_editor):
    FieldOfEngagement = apps.get_model("partners", "FieldOfEngagement")
    FieldOfEngagement.objects.filter(slug__in=[slug for slug, _ in FIELDS]).delete()


class Migration(migrations.Migration):
    dependencies = [("partners", "0001_organisations_contacts_agreement")]

    operations = [
        migrations.RunPython(load_first_version, remove_first_version),
        migrations.RunPython(load_fields, remove_fields),
    ]
