"""The rows every installation gets from core's data migrations, put back where missing
(registry kind `initial_rows`; tests that empty the database call it)."""

from importlib import import_module

from django.apps import apps


def restore():
    from core.models import NetworkSettings, SitePage

    if not NetworkSettings.objects.exists():
        import_module("core.migrations.0006_network_settings_row").create_row(apps, None)
    if not SitePage.objects.exists():
        import_module("core.migrations.0002_default_site_pages").create_pages(apps, None)
        import_module(
            "core.migrations.0003_accessibility_statement_what_was_tested"
        ).update_statement(apps, None)
