"""What the page-cache tests (tests/test_pagecache.py, tests/test_pagecache_personal.py) share.

A test module imports `page_cache` for its autouse fixture to apply there.
"""

import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@pytest.fixture(autouse=True)
def page_cache(settings):
    # Tests roll back, so no committed write moves the generation on between them: each
    # starts from an empty cache, or it could be served a page an earlier test cached.
    settings.PAGE_CACHE = True
    cache.clear()
    yield
    cache.clear()


def get_counted(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return response, len(queries)


def visit_fresh(url):
    """A new visitor after the page cache forgot every page (as after any write):
    (page, the SQL it ran) — which parts came from their fragments (core/fragments.py)."""
    from core import pagecache

    pagecache.invalidate()
    with CaptureQueriesContext(connection) as queries:
        response = Client().get(url)
    assert response.status_code == 200
    return response.content.decode(), " ".join(query["sql"] for query in queries)
