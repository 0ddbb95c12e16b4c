"""Django's Redis and file caches, adjusted for this app.

Redis: one redis client per server instead of one per call.

Django's RedisCacheClient builds a new `redis.Redis` for every cache operation,
and redis-py fills ~170 response callbacks in each constructor: on a page served
from the cache that was a tenth of the request's time. A client only wraps the
connection pool and is safe to share between threads, so each pool gets one.
"""

import contextlib
import fcntl
import os
import pickle  # nosec B403
import random
import time
import zlib

from django.core.cache.backends import filebased, redis
from django.core.cache.backends.base import DEFAULT_TIMEOUT


class RedisCacheClient(redis.RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class RedisCache(redis.RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = RedisCacheClient


# Marks the files of entries culled first (see FileBasedCache._cull).
CULL_FIRST_MARK = "page-"
# The file count is taken afresh at least this often (see FileBasedCache._may_be_full).
CULL_RECOUNT_SECONDS = 10


class FileBasedCache(filebased.FileBasedCache):
    """Django's file cache, shared by the processes of one machine, with atomic add and incr.

    The default cache when CACHE_URL is not set: the rate limits (ours and
    allauth's) must count every worker's attempts. Django's file cache checks and
    writes in two steps, so two workers could both "add" allauth's rate-limit lock
    or both count from the same value; here `add` and `incr` hold an exclusive
    lock (flock) on a file in the cache directory, and `incr` keeps the entry's
    expiry. When the cache is full, expired entries are removed first, then
    cached pages, and only then other live entries such as rate-limit counters.
    """

    # The keys of core.pagecache's pages and core.fragments' fragments.
    cull_first = ("pagecache:entry:",)

    def _write_content(self, file, timeout, value):
        # As Django writes it, with zlib's fastest level: a page of a hundred working
        # groups (120 KB) is compressed in a fifth of the time, at a few percent more size.
        expiry = self.get_backend_timeout(timeout)
        file.write(pickle.dumps(expiry, self.pickle_protocol))
        file.write(zlib.compress(pickle.dumps(value, self.pickle_protocol), 1))

    def _lock(self):
        self._createdir()
        return _FileLock(os.path.join(self._dir, "lock"))

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        with self._lock():
            return super().add(key, value, timeout, version)

    def incr(self, key, delta=1, version=None):
        with self._lock():
            fname = self._key_to_file(key, version)
            # Read as Django's file cache does: pickles this cache wrote into its own
            # directory (mode 0700), never data from outside.
            try:
                with open(fname, "rb") as f:
                    expiry = pickle.load(f)  # noqa: S301  # nosec B301
                    if expiry is not None and expiry < time.time():
                        raise FileNotFoundError(fname)
                    value = pickle.loads(zlib.decompress(f.read()))  # noqa: S301  # nosec B301
            except (FileNotFoundError, EOFError):
                raise ValueError(f"Key '{key}' not found") from None
            value += delta
            timeout = None if expiry is None else max(expiry - time.time(), 0.001)
            self.set(key, value, timeout, version)
            return value

    # Generations (core/pagecache.py, core/fragments.py): a few tiny entries, written
    # after every committed write — without listing the whole directory each time.
    no_cull = ("pagecache:generation", "pagecache:app-generation:")

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        if key.startswith(self.no_cull):
            self._skip_cull = True
        try:
            super().set(key, value, timeout, version)
        finally:
            self._skip_cull = False

    def _key_to_file(self, key, version=None):
        fname = super()._key_to_file(key, version)
        if key.startswith(self.cull_first):
            head, tail = os.path.split(fname)
            return os.path.join(head, CULL_FIRST_MARK + tail)
        return fname

    def _may_be_full(self):
        """Whether the directory may hold MAX_ENTRIES files. Listing it costs a
        moment per thousand files, on every `set`: instead the count of the last
        listing is kept, with this process's sets added, and the directory is listed
        again when that estimate reaches the limit or after CULL_RECOUNT_SECONDS (the
        other processes' sets are not in the estimate)."""
        now = time.monotonic()
        counted = getattr(self, "_counted", None)
        if (
            counted is not None
            and counted[0] + 1 < self._max_entries
            and now - counted[1] < CULL_RECOUNT_SECONDS
        ):
            self._counted = (counted[0] + 1, counted[1])
            return False
        count = len(self._list_cache_files())
        self._counted = (count + 1, now)
        return count >= self._max_entries

    def clear(self):
        super().clear()
        self._counted = None

    def _cull(self):
        """Make room when MAX_ENTRIES is reached: expired entries, then pages, then the rest.

        Cached pages and panels (keys starting with `cull_first`, their files
        marked) can be rendered again; a rate-limit counter that is culled lets an
        attacker start counting afresh. So the counters are culled only when they
        alone fill the cache, never to make room for pages. The generation of the
        page cache is not a page: were it culled, every cached page would simply be
        rendered afresh, never served stale.
        """
        if getattr(self, "_skip_cull", False) or not self._may_be_full():
            return
        for fname in self._list_cache_files():
            with contextlib.suppress(OSError), open(fname, "rb") as f:
                self._is_expired(f)  # deletes the file if it has expired
        files = self._list_cache_files()
        excess = len(files) - self._max_entries + 1
        if excess <= 0:
            return
        pages = [f for f in files if os.path.basename(f).startswith(CULL_FIRST_MARK)]
        # A share of the room at once (as Django culls), so that culling stays rare.
        share = len(files) if self._cull_frequency == 0 else len(files) // self._cull_frequency
        for fname in random.sample(pages, min(len(pages), max(excess, share))):
            self._delete(fname)
        if len(pages) < excess:
            super()._cull()


class _FileLock:
    def __init__(self, path):
        self.path = path

    def __enter__(self):
        self.fd = os.open(self.path, os.O_CREAT | os.O_RDWR, 0o600)
        fcntl.flock(self.fd, fcntl.LOCK_EX)

    def __exit__(self, *exc):
        fcntl.flock(self.fd, fcntl.LOCK_UN)
        os.close(self.fd)
