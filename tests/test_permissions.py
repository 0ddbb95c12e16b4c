"""Every named URL × every role → the expected status (CONTRIBUTING.md §2, rule 9)."""

from http import HTTPStatus

import pytest
from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.matrix import ROLES, all_rows

ROWS = all_rows()


def _named_urls(resolver=None, namespace=""):
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            prefix = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _named_urls(pattern, prefix)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}{pattern.name}"


def test_every_named_url_has_a_row():
    covered = {row.name for row in ROWS}
    missing = sorted(set(_named_urls()) - covered)
    assert not missing, f"Named URLs without a row in the permission matrix: {missing}"


def test_rows_name_existing_urls():
    existing = set(_named_urls())
    unknown = sorted({row.name for row in ROWS} - existing)
    assert not unknown, f"Matrix rows for URLs that do not exist: {unknown}"


def _request(row, role, world, client_as):
    client = client_as(role)
    kwargs = row.resolve_kwargs(world)
    if "args" in kwargs:
        url = reverse(row.name, args=kwargs["args"])
    else:
        url = reverse(row.name, kwargs=kwargs)
    url += row.query
    return getattr(client, row.method)(url, data=row.resolve_data(world))


def _become_another_network():
    """The world's network as another city's (the Musterstadt demo's names, city and
    districts); the districts its organisations store stay, as a migration keeps them."""
    from core.demo_networks import MUSTERSTADT
    from core.models import NetworkSettings
    from partners.models import Organisation

    values = MUSTERSTADT.settings()
    own = {slug for slug, _name in values["districts"]}
    used = set(Organisation.objects.values_list("district", flat=True))
    values["districts"] += [[slug, slug] for slug in sorted(used - own)]
    network, _created = NetworkSettings.objects.get_or_create(pk=1)
    for name, value in values.items():
        setattr(network, name, value)
    network.save()


@pytest.mark.parametrize("network", ["hannover", "musterstadt"])
@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix(role, network, world, client_as):
    """One world per role; each row runs in a savepoint that is rolled back, so a
    POST that changes something cannot change what the next row sees. The same
    answers for another city's network: who may do what does not depend on the
    network's name, city or districts."""
    if network != "hannover":
        _become_another_network()
        assert "Musterstadt" in client_as("anonymous").get(reverse("home")).text
    failures = []
    for row in ROWS:
        with transaction.atomic():
            response = _request(row, role, world, client_as)
            transaction.set_rollback(True)
        expected = row.expected[role]
        if response.status_code != expected:
            failures.append(f"{row} as {role}: expected {expected}, got {response.status_code}")
        elif (
            role == "anonymous"
            and expected == HTTPStatus.FOUND
            and row.name not in {"set_language", "favicon"}
            and not row.name.startswith("account_")
            and not response.url.startswith(reverse("account_login"))
        ):
            failures.append(f"{row} as anonymous: redirects to {response.url}, not to the login")
    assert not failures, f"{len(failures)} of {len(ROWS)} rows differ:\n" + "\n".join(failures)
