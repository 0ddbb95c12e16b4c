"""The permission matrix: every named URL × every role → expected status.

Each app keeps its rows in `tests/matrix/<app>.py` (a list `ROWS` and optionally
`build(world)`, which adds the objects the rows need to the shared `world`), so
apps never edit each other's rows. `tests/test_permissions.py` walks them all and
fails for any named URL of the resolver without a row.
"""

from dataclasses import dataclass, field
from importlib import import_module
from typing import Any

ROLES = ["anonymous", "stranger", "partner_contact", "representative", "speaker", "coordinator"]


def expect(anonymous, stranger, partner_contact, representative, speaker, coordinator):
    return dict(
        zip(
            ROLES,
            [anonymous, stranger, partner_contact, representative, speaker, coordinator],
            strict=True,
        )
    )


# Shorthands for the usual audiences (CONTRIBUTING.md §2, rule 3: anonymous → 302 to the login,
# logged in without the role → 403). The `speaker` fixture is a representative of a
# coordinating organisation, so it is a partner contact and a representative too.
PUBLIC = expect(200, 200, 200, 200, 200, 200)
LOGGED_IN = expect(302, 200, 200, 200, 200, 200)
PARTNERS = expect(302, 403, 200, 200, 200, 200)
REPRESENTATIVES = expect(302, 403, 403, 200, 200, 403)
COORDINATION_READ = expect(302, 403, 403, 403, 200, 200)
COORDINATORS = expect(302, 403, 403, 403, 403, 200)


@dataclass
class Row:
    name: str
    expected: dict
    kwargs: Any = None  # a dict, or a callable taking the world and returning one
    method: str = "get"
    data: Any = None  # a dict, or a callable taking the world
    query: str = ""
    note: str = ""
    extra: dict = field(default_factory=dict)

    def resolve_kwargs(self, world):
        return self.kwargs(world) if callable(self.kwargs) else (self.kwargs or {})

    def resolve_data(self, world):
        return self.data(world) if callable(self.data) else (self.data or {})

    def __str__(self):
        return f"{self.method.upper()} {self.name}"


def _modules():
    """`tests/matrix/<app>.py` of every installed app (by the last part of its name, e.g.
    `account` for allauth.account), in INSTALLED_APPS order: no list to keep by hand."""
    from django.apps import apps

    for config in apps.get_app_configs():
        name = config.name.rsplit(".", 1)[-1]
        try:
            yield import_module(f"tests.matrix.{name}")
        except ModuleNotFoundError as error:
            if error.name != f"tests.matrix.{name}":
                raise


def all_rows():
    rows = []
    for module in _modules():
        rows.extend(getattr(module, "ROWS", []))
    return rows


def build_world(world):
    for module in _modules():
        build = getattr(module, "build", None)
        if build is not None:
            build(world)
