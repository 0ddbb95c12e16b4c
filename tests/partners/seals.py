"""Helpers of the seal tests: run `verify_declarations`, rewrite rows as a database
administrator would, name a declaration as the check does."""

import contextlib
import io

from django.core.management import CommandError, call_command
from django.db import connection


@contextlib.contextmanager
def as_database_admin(*tables):
    """Raw SQL as an administrator would run it: on PostgreSQL with the triggers off."""
    postgres = connection.vendor == "postgresql"
    with connection.cursor() as cursor:
        if postgres:
            # ALTER TABLE waits for no deferred constraint checks of this transaction.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            for table in tables:
                cursor.execute(f"ALTER TABLE {table} DISABLE TRIGGER USER")
        yield cursor
        if postgres:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            for table in tables:
                cursor.execute(f"ALTER TABLE {table} ENABLE TRIGGER USER")
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")


def verify(**kwargs):
    """Run the command; (exit status, output) as a shell would see them."""
    out = io.StringIO()
    try:
        call_command("verify_declarations", stdout=out, **kwargs)
    except CommandError as error:
        return error.returncode, out.getvalue() + str(error)
    return 0, out.getvalue()


def declaration_name(declaration):
    return (
        f"Erklärung Nr. {declaration.pk} von {declaration.organisation.name} "
        f"zur Fassung {declaration.agreement_version.number}"
    )
