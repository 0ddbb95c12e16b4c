"""Cached public pages served before the rest of the stack (sessions, auth, URLs, views).

`core.pagecache.cache_public_page` decides which pages may be shared and keeps
them; this middleware keeps the *finished* response of such a page — with the
headers the inner middleware added (Vary, Content-Language, X-Frame-Options) — and
answers the next anonymous visitor with it straight away: no session lookup, no URL
resolution, no view. Same rules as the decorator: only GET and HEAD, only without a
session or messages cookie (so only anonymous visitors), only under the current
generation, so no page outlives a committed change in any worker. A query string is
part of the key, and only pages the decorator marked are ever stored, so a
crawler's random parameters find nothing and store nothing.

It sits after WhiteNoise and before SessionMiddleware (netzwerk/settings.py).
"""

import hashlib

from asgiref.sync import iscoroutinefunction
from django.conf import settings
from django.core.cache import cache

from core import pagecache
from core.locale import chosen_language
from core.middleware import HybridMiddleware

PREFIX = f"{pagecache.ENTRY_PREFIX}served:"


def _key(request):
    """The key of a request, or None when it may not be answered from the cache."""
    if request.method not in ("GET", "HEAD"):
        return None
    cookies = request.COOKIES
    if settings.SESSION_COOKIE_NAME in cookies or "messages" in cookies:
        return None
    path = hashlib.sha256(request.get_full_path().encode()).hexdigest()
    return f"{PREFIX}{chosen_language(request)}:{request.method}:{path}"


def _keep(key, response):
    """(key, value) to store, when the view's decorator marked the response as shared."""
    entry = getattr(response, "page_cache_entry", None)
    if key is None or entry is None or response.cookies or response.status_code != 200:
        return None
    del response.page_cache_entry
    return (entry[0], response)


class ServeCachedPages(HybridMiddleware):
    def __call__(self, request):
        if iscoroutinefunction(self):
            return self.__acall__(request)
        key = _key(request) if pagecache.enabled() else None
        if key is not None:
            found = cache.get_many([pagecache.GENERATION_KEY, key])
            stored = found.get(key)
            if stored is not None and stored[0] == found.get(pagecache.GENERATION_KEY):
                return stored[1]
            request.page_cache_served_early = True
        response = self.get_response(request)
        value = _keep(key, response)
        if value is not None:
            cache.set(key, value, pagecache.timeout())
        return response

    async def __acall__(self, request):
        key = _key(request) if pagecache.enabled() else None
        if key is not None:
            found = await cache.aget_many([pagecache.GENERATION_KEY, key])
            stored = found.get(key)
            if stored is not None and stored[0] == found.get(pagecache.GENERATION_KEY):
                return stored[1]
            request.page_cache_served_early = True
        response = await self.get_response(request)
        value = _keep(key, response)
        if value is not None:
            await cache.aset(key, value, pagecache.timeout())
        return response
