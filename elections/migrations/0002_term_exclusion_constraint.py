"""Terms of one seat, and of one organisation, never overlap: on PostgreSQL the database
itself refuses it (an exclusion constraint over the date range, which needs btree_gist).

Other databases (SQLite in development and tests) skip this migration's SQL; there the
check in Term.clean() and publish_result() holds the rule alone.
"""

from django.contrib.postgres.operations import BtreeGistExtension
from django.db import migrations

CONSTRAINTS = {
    "term_seat_never_overlaps": "seat_id",
    "term_organisation_never_overlaps": "organisation_id",
}


def add_constraints(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, column in CONSTRAINTS.items():
        schema_editor.execute(
            f"ALTER TABLE elections_term ADD CONSTRAINT {name} EXCLUDE USING gist "
            f'({column} WITH =, daterange("start", "end", \'[)\') WITH &&)'
        )


def drop_constraints(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in CONSTRAINTS:
        schema_editor.execute(f"ALTER TABLE elections_term DROP CONSTRAINT IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("elections", "0001_elections_ballots_terms"),
    ]

    operations = [
        BtreeGistExtension(),
        migrations.RunPython(add_constraints, drop_constraints),
    ]
