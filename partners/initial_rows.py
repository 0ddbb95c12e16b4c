"""The rows every installation gets from partners' data migrations, put back where
missing (registry kind `initial_rows`; tests that empty the database call it)."""

from importlib import import_module

from django.apps import apps


def restore():
    from partners.models import AgreementVersion, FieldOfEngagement

    if not AgreementVersion.objects.exists() or not FieldOfEngagement.objects.exists():
        migration = import_module("partners.migrations.0002_first_agreement_version_and_fields")
        migration.load_first_version(apps, None)
        migration.load_fields(apps, None)
