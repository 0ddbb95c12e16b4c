"""The one plug-in mechanism: what each app contributes to the others.

An app declares its contributions in its `AppConfig.ready()`, and nowhere else:

    def ready(self):
        from core import events, registry
        from workgroups import hooks

        registry.contribute(
            self,
            coordination_panels=hooks.coordination_panels,
            profile_sections=hooks.profile_sections,
            handlers={events.OrganisationLeft: hooks.organisation_left},
            demo="workgroups.demo.seed",  # a dotted path: imported only by seed_demo
        )

The shared pages ask the registry (`collect`, `merge`, `notify`), so adding a panel, a
section or a reaction to an event never means editing another app: a new app needs its
own files and one line in `INSTALLED_APPS` (tests/plugin_app shows it). The kinds of
contribution are listed in `KINDS` below; the events are the classes in `core.events`.

A panel or section is a dict with `template`, an optional `order` and whatever context
its template needs.
"""

from contextlib import contextmanager
from dataclasses import dataclass, field

from django.utils.module_loading import import_string

from core import events

# Kind of contribution → what the app's callable takes and returns.
KINDS = {
    "coordination_panels": "(request) → panels for /koordination/ (a panel that names the "
    "apps whose data it shows in `depends` is kept per role until they change)",
    "home_sections": "(request) → sections for the home page (a section that names the "
    "apps whose data it shows in `depends` is kept for visitors until they change)",
    "profile_sections": "(request, organisation) → sections of a partner's profile "
    "(`depends` as for home_sections)",
    "my_network_sections": "(request) → sections for /mein-netzwerk/",
    "account_sections": "(request) → sections for /konto/ (where the person stands)",
    "news_sections": "(request) → sections beside the posts on /aktuelles/",
    "group_manage_links": "(request, group) → links (`url`, `label`) for a working group",
    "feed_entries": "() → posts.feeds.FeedEntry items for the Atom feed of /aktuelles/",
    "failed_mails": "(since) → failed mails (`to`, `subject`, `attempt`, `finished_at`)",
    "personal_data": "(user) → dict merged into the 'Mein Konto' JSON download",
    "speaker_group": "() → ids of organisations in the speaker group now (a one-column "
    "query is read with the other apps' in one statement)",
    "contacts": "(user) → the user's contacts in active organisations (one provider)",
    "contact_keys_sql": "(user_pk) → (sql, params) selecting id, organisation id and "
    "representative flag of the user's contacts in active organisations (one provider)",
    "initial_rows": "() → put back the rows the app's data migrations give every installation",
    "demo": "(*, stdout, password) → demo logins; seed_demo runs them in INSTALLED_APPS order",
}


@dataclass
class Contribution:
    label: str
    config: object  # the AppConfig that declared it (None: a test's `contributing`)
    kinds: dict = field(default_factory=dict)
    handlers: dict = field(default_factory=dict)


# By the declaring AppConfig: when tests install other apps (override_settings), Django
# makes new AppConfigs and runs their ready(); the old ones count again afterwards.
_contributions = {}


def contribute(app_config, *, handlers=None, **kinds):
    """Declare what the app contributes (called from its AppConfig.ready())."""
    unknown = set(kinds) - set(KINDS)
    if unknown:
        raise TypeError(f"Unknown contribution {sorted(unknown)} of {app_config}")
    for event in handlers or {}:
        if event not in events.ALL:
            raise TypeError(f"{event!r} is not an event listed in core.events")
    if isinstance(app_config, str):
        label, config = app_config, None
    else:
        label, config = app_config.label, app_config
    _contributions[config or label] = Contribution(label, config, dict(kinds), dict(handlers or {}))


def _current():
    """The contributions of the apps installed now, in INSTALLED_APPS order (the order
    seed_demo and the pages rely on); a test's `contributing` ones last."""
    from django.apps import apps

    configs = apps.app_configs
    order = {label: i for i, label in enumerate(configs)}
    found = [
        c for c in _contributions.values() if c.config is None or configs.get(c.label) is c.config
    ]
    return sorted(found, key=lambda c: order.get(c.label, len(order)))


def providers(kind):
    """The callables contributed for `kind`, in INSTALLED_APPS order."""
    if kind not in KINDS:
        raise KeyError(kind)
    found = []
    for contribution in _current():
        function = contribution.kinds.get(kind)
        if isinstance(function, str):  # a dotted path, imported when first asked for
            function = contribution.kinds[kind] = import_string(function)
        if function is not None:
            found.append(function)
    return found


def collect(kind, *args):
    """Call every app's `kind` and return the contributions, sorted by their order."""
    items = []
    for function in providers(kind):
        items.extend(function(*args))
    return sorted(items, key=lambda item: item.get("order", 100))


def merge(kind, *args):
    """Call every app's `kind` and merge the dicts they return."""
    result = {}
    for function in providers(kind):
        result.update(function(*args))
    return result


def notify(event):
    """Hand an event (an instance of a class in core.events) to every app's handler."""
    if type(event) not in events.ALL:
        raise TypeError(f"{event!r} is not an event listed in core.events")
    for contribution in _current():
        handler = contribution.handlers.get(type(event))
        if handler is not None:
            handler(event)


@contextmanager
def contributing(label, *, handlers=None, **kinds):
    """For tests: an app that contributes for the length of a `with` block."""
    contribute(label, handlers=handlers, **kinds)
    try:
        yield
    finally:
        _contributions.pop(label, None)
