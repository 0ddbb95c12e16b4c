"""A new app plugs in with its own files and one line in INSTALLED_APPS
(docs/architecture.md, "Plug-in points"; the app is tests/plugin_app)."""

import pytest
from django.conf import settings
from django.test import override_settings
from django.urls import reverse

from core import events, registry
from partners import services
from tests.partners.factories import signed_application

WITH_PLUGIN = [*settings.INSTALLED_APPS, "tests.plugin_app"]


@pytest.fixture
def plugin_installed():
    with override_settings(INSTALLED_APPS=WITH_PLUGIN):
        yield


def test_the_new_app_adds_a_panel_to_the_coordination_page(plugin_installed, client_as):
    signed_application()
    response = client_as("coordinator").get(reverse("coordination"))
    assert "Patenschaften" in response.text
    assert "1 Bewerbungen suchen eine Patenorganisation." in response.text


def test_the_new_app_adds_a_section_to_the_home_page(plugin_installed, client, db):
    assert "Patenschaften für neue Partner" in client.get(reverse("home")).text


def test_the_new_app_reacts_to_an_event_of_the_partners_app(
    plugin_installed, coordinator, mailoutbox, django_capture_on_commit_callbacks
):
    organisation, _representative = signed_application(name="Stadtteilchor Linden")
    with django_capture_on_commit_callbacks(execute=True):
        services.approve_application(organisation=organisation, by=coordinator)
    welcome = [m for m in mailoutbox if "Patenorganisation" in m.subject]
    assert len(welcome) == 1
    assert "Willkommen, Stadtteilchor Linden!" in welcome[0].body


def test_without_the_line_in_installed_apps_nothing_of_it_shows(client_as, client, coordinator):
    assert "Patenschaften" not in client_as("coordinator").get(reverse("coordination")).text
    assert "Patenschaften" not in client.get(reverse("home")).text
    modules = {f.__module__ for kind in registry.KINDS for f in registry.providers(kind)}
    assert "tests.plugin_app.hooks" not in modules
    assert "partners.hooks" in modules


def test_an_event_not_listed_in_core_events_is_refused():
    class Invented:
        pass

    with pytest.raises(TypeError):
        registry.notify(Invented())
    with pytest.raises(TypeError):
        registry.contribute("invented", handlers={Invented: print})
    assert events.OrganisationJoined in events.ALL
