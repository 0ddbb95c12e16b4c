"""Contributions of the apps to shared pages.

Each app may have a `hooks.py` module with functions of these names; the shared
pages call them, so adding a panel never means editing another app:

- `coordination_panels(request)` → list of panels for `/koordination/`
- `home_sections(request)` → list of sections for the home page
- `profile_sections(request, organisation)` → sections for a partner's profile
- `my_network_sections(request)` → sections for `/mein-netzwerk/`
- `account_sections(request)` → sections for `/konto/` (where the person stands)
- `organisation_joined(organisation)` → an applicant became an active partner
- `membership_started(membership)` → an organisation became a working group's member
- `organisation_left(organisation)` → a partner's exit was carried out
- `personal_data(user)` → dict merged into the "Mein Konto" JSON download
- `group_manage_links(request, group)` → links (dicts with `url`, `label`) in the
  "Gruppe verwalten" box of a working group's page
- `news_sections(request)` → sections beside the posts on `/aktuelles/`
- `feed_entries()` → `posts.feeds.FeedEntry` items for the Atom feed of `/aktuelles/`
- `failed_mails(since)` → failed mails (dicts with `to`, `subject`, `attempt`,
  `finished_at`) listed with the task queue's on `/koordination/`

A panel or section is a dict with `template`, an optional `order` and whatever
context its template needs.
"""

from importlib import import_module

from django.apps import apps
from django.utils.module_loading import module_has_submodule

_modules = None


def hook_modules():
    """The `hooks` modules of the installed project apps, in INSTALLED_APPS order."""
    global _modules  # noqa: PLW0603 - computed once; the set of apps is fixed per process
    if _modules is None:
        found = []
        for config in apps.get_app_configs():
            if module_has_submodule(config.module, "hooks"):
                found.append(import_module(f"{config.name}.hooks"))
        _modules = found
    return _modules


def collect(name, *args):
    """Call hook `name` of every app and return the contributions, sorted by order."""
    items = []
    for module in hook_modules():
        function = getattr(module, name, None)
        if function is not None:
            items.extend(function(*args))
    return sorted(items, key=lambda item: item.get("order", 100))


def notify(name, *args):
    """Call hook `name` of every app for its side effects (an event, no contributions)."""
    for module in hook_modules():
        function = getattr(module, name, None)
        if function is not None:
            function(*args)


def merge(name, *args):
    """Call hook `name` of every app and merge the dicts they return."""
    result = {}
    for module in hook_modules():
        function = getattr(module, name, None)
        if function is not None:
            result.update(function(*args))
    return result
