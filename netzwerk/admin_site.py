from functools import wraps

from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.roles import get_roles, is_coordinator, redirect_to_second_factor


class NetzwerkAdminSite(admin.AdminSite):
    """The Django admin for coordinators; everyone else is refused."""

    site_header = _("Verwaltung")  # with the network's name: each_context
    site_title = _("Verwaltung")
    index_title = _("Verwaltung")

    def each_context(self, request):
        from core.network import get_network

        context = super().each_context(request)
        # The network's name from its settings (another city's network reads its own).
        context["site_header"] = _("%(network)s – Verwaltung") % {
            "network": get_network().brand_display
        }
        return context

    def has_permission(self, request):
        return request.user.is_active and is_coordinator(request.user)

    def admin_view(self, view, cacheable=False):
        # Same semantics as the rest of the site: anonymous → login, others → 403.
        inner = super().admin_view(view, cacheable)

        @wraps(inner)
        def guarded(request, *args, **kwargs):
            if not self.has_permission(request):
                if get_roles(request.user).needs_second_factor:
                    return redirect_to_second_factor(request)
                if request.user.is_authenticated:
                    raise PermissionDenied
                return redirect_to_login(request.get_full_path())
            return inner(request, *args, **kwargs)

        return guarded

    def login(self, request, extra_context=None):
        # One login for the whole site: allauth's, with its rate limits.
        if self.has_permission(request):
            return redirect("admin:index")
        if get_roles(request.user).needs_second_factor:
            return redirect_to_second_factor(request)
        if request.user.is_authenticated:
            raise PermissionDenied
        return redirect_to_login(request.GET.get("next", reverse("admin:index")))
