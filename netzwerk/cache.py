"""Django's Redis cache, with one redis client per server instead of one per call.

Django's RedisCacheClient builds a new `redis.Redis` for every cache operation,
and redis-py fills ~170 response callbacks in each constructor: on a page served
from the cache that was a tenth of the request's time. A client only wraps the
connection pool and is safe to share between threads, so each pool gets one.
"""

from django.core.cache.backends import redis


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
