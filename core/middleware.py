"""Small middleware of the platform."""

from asgiref.sync import iscoroutinefunction, markcoroutinefunction
from django.conf import settings
from django.core.exceptions import MiddlewareNotUsed


class ServedByMiddleware:
    """Name the app server in `X-Served-By` when INSTANCE_NAME is set.

    Behind a load balancer this shows which of several app servers answered a
    request (`make cluster` uses it to prove both served). Without INSTANCE_NAME
    the middleware is switched off.
    """

    def __init__(self, get_response):
        if not settings.INSTANCE_NAME:
            raise MiddlewareNotUsed
        self.get_response = get_response
        self.name = settings.INSTANCE_NAME

    def __call__(self, request):
        response = self.get_response(request)
        response["X-Served-By"] = self.name
        return response


class HybridMiddleware:
    """A middleware that runs in sync (WSGI) and async (ASGI) chains alike: subclasses
    write `__call__` for the sync chain, starting with
    `if iscoroutinefunction(self): return self.__acall__(request)`, and `__acall__`."""

    sync_capable = True
    async_capable = True

    def __init__(self, get_response):
        self.get_response = get_response
        if iscoroutinefunction(get_response):
            markcoroutinefunction(self)
