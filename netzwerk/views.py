import json

from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.context_processors import csrf
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.generic import FormView, RedirectView, TemplateView

from core import registry
from core.actions import ServiceFormMixin
from core.fragments import later, visitor_variant
from core.models import NetworkSettings, SitePage
from core.pagecache import cache_personal_page, cache_public_page
from core.roles import (
    CoordinationReadMixin,
    CoordinatorRequiredMixin,
    LoginRequiredMixin,
    get_roles,
)
from netzwerk import services
from netzwerk.forms import AccountDeleteForm, NetworkSettingsForm
from partners.models import AgreementVersion


@method_decorator(cache_public_page, name="dispatch")
class HomeView(TemplateView):
    template_name = "netzwerk/home.html"

    def get_context_data(self, **kwargs):
        request = self.request
        return super().get_context_data(
            # Read only when the principles' fragment is rendered afresh (core/fragments.py).
            agreement=later(AgreementVersion.objects.current),
            # Each app's section, kept by the generations of the apps it names.
            sections=registry.collect("home_sections", request),
            fragment_variant=visitor_variant(request),
            **kwargs,
        )


@method_decorator(cache_public_page, name="dispatch")
class AgreementView(TemplateView):
    template_name = "netzwerk/agreement.html"

    def get_context_data(self, **kwargs):
        agreement = AgreementVersion.objects.current()
        paragraphs = agreement.paragraphs() if agreement else []
        # The text ends with the heading of the form partners sign ("Erklärung zur
        # Mitarbeit …"); here it introduces what signing means and where to do it.
        declaration_title = ""
        if paragraphs and paragraphs[-1][0] is None:
            declaration_title = paragraphs.pop()[1]
        return super().get_context_data(
            agreement=agreement,
            paragraphs=paragraphs,
            declaration_title=declaration_title,
            **kwargs,
        )


class SitePageView(TemplateView):
    template_name = "netzwerk/sitepage_detail.html"
    slug = None

    def get_context_data(self, **kwargs):
        page = get_object_or_404(SitePage, slug=self.slug)
        return super().get_context_data(page=page, **kwargs)


@method_decorator(cache_personal_page, name="get")
class CoordinationView(CoordinationReadMixin, TemplateView):
    template_name = "netzwerk/coordination.html"

    def get_context_data(self, **kwargs):
        # Each panel is kept as an HTML fragment per role until a table of the apps it
        # names is written (core/fragments.py): after a new post only the moderation
        # panel is rendered afresh. A fragment holding a form's token is not kept. The
        # role is checked on every request (CoordinationReadMixin), so a revoked
        # coordinator sees no panel, kept or not. Rendered without the request's
        # context (the context processors ran for the page already); a panel with a
        # form gets the token, lazily, and is then not kept.
        roles = get_roles(self.request.user)
        html = render_to_string(
            "netzwerk/includes/_coordination_panels.html",
            {
                "panels": registry.collect("coordination_panels", self.request),
                "csrf_token": csrf(self.request)["csrf_token"],
                "panel_role": f"coordinator={roles.is_coordinator}:"
                f"reader={roles.may_read_coordination}",
            },
        )
        # Our own templates, rendered with autoescape.
        return super().get_context_data(
            panels_html=mark_safe(html) if html.strip() else "",  # noqa: S308  # nosec B308 B703
            **kwargs,
        )


@method_decorator(cache_personal_page, name="get")
class AccountOverviewView(LoginRequiredMixin, TemplateView):
    """/konto/: the account, and where the person stands with each organisation."""

    template_name = "netzwerk/account.html"

    def get_context_data(self, **kwargs):
        from allauth.account.models import EmailAddress

        return super().get_context_data(
            sections=registry.collect("account_sections", self.request),
            unverified=list(
                EmailAddress.objects.filter(user=self.request.user, verified=False).order_by(
                    "email"
                )
            ),
            **kwargs,
        )


class PersonalDataView(LoginRequiredMixin, TemplateView):
    def get(self, request, *args, **kwargs):
        data = services.personal_data(user=request.user)
        response = HttpResponse(
            json.dumps(data, ensure_ascii=False, indent=2, default=str),
            content_type="application/json; charset=utf-8",
        )
        stamp = timezone.localdate().isoformat()
        response["Content-Disposition"] = f'attachment; filename="meine-daten-{stamp}.json"'
        return response


class AccountDeleteView(LoginRequiredMixin, FormView):
    template_name = "netzwerk/account_confirm_delete.html"
    form_class = AccountDeleteForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def form_valid(self, form):
        user = self.request.user
        logout(self.request)
        services.delete_account(user=user, by=user)
        messages.success(self.request, _("Ihr Konto wurde gelöscht."))
        return redirect("home")


class FaviconView(RedirectView):
    # Browsers ask for /favicon.ico whatever the page links. The static file's name
    # carries its hash in production and changes with the file: so not permanent.
    permanent = False

    def get_redirect_url(self, *args, **kwargs):
        return static("img/favicon.svg")


@never_cache
def health(request):
    """A trivial page for load balancers' health checks and the benchmark's ceiling."""
    return HttpResponse("ok", content_type="text/plain; charset=utf-8")


@method_decorator(never_cache, name="dispatch")
class NetworkSettingsView(CoordinatorRequiredMixin, ServiceFormMixin, FormView):
    """/koordination/netzwerk/: the network's name, city, contact and districts."""

    template_name = "netzwerk/network_settings_form.html"
    form_class = NetworkSettingsForm
    success_message = gettext_lazy("Die Einstellungen des Netzwerks sind gespeichert.")

    def get_form_kwargs(self):
        instance = NetworkSettings.objects.filter(pk=NetworkSettings.SINGLETON_PK).first()
        return {**super().get_form_kwargs(), "instance": instance or NetworkSettings()}

    def perform(self, form):
        return services.update_network_settings(
            by=self.request.user,
            data=form.data_fields(),
            districts=form.cleaned_data["districts"],
            coordinating=form.cleaned_data["coordinating"],
        )

    def get_success_url(self):
        return reverse("network_settings")
