"""The recipients' pages: reading a circular, mail preferences, unsubscribing."""

from django.contrib import messages
from django.core import signing
from django.http import Http404, HttpResponseRedirect
from django.middleware.csrf import CsrfViewMiddleware
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.generic import DetailView, FormView

from circulars import policies, services
from circulars.forms import PreferenceForm
from circulars.models import Circular
from core.roles import LoginRequiredMixin


class CircularReadView(DetailView):
    """A circular to read: public ones for everyone, others for their recipients."""

    template_name = "circulars/circular_read.html"
    context_object_name = "circular"

    def get_object(self, queryset=None):
        circular = get_object_or_404(
            Circular.objects.exclude(state=Circular.State.DRAFT), pk=self.kwargs["pk"]
        )
        if not policies.can_read_circular(self.request.user, circular):
            raise Http404
        return circular


class PreferencesView(LoginRequiredMixin, FormView):
    """/mein-netzwerk/rundschreiben/: newsletter consent, language and the circulars received."""

    template_name = "circulars/preferences.html"
    form_class = PreferenceForm

    def get_initial(self):
        newsletter, language = services.preferences_of(self.request.user)
        return {"newsletter": newsletter, "language": language}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            received=Circular.objects.received_by(self.request.user)[:50],
            addresses=services.addresses_of(self.request.user),
            **kwargs,
        )

    def form_valid(self, form):
        services.set_preferences(
            user=self.request.user,
            newsletter=form.cleaned_data["newsletter"],
            language=form.cleaned_data["language"],
        )
        if form.cleaned_data["newsletter"]:
            messages.success(self.request, _("Sie erhalten den Newsletter."))
        else:
            messages.success(self.request, _("Sie erhalten keinen Newsletter."))
        return HttpResponseRedirect(reverse("circulars:preferences"))


@method_decorator(csrf_exempt, name="dispatch")
@method_decorator(never_cache, name="dispatch")
class UnsubscribeView(View):
    """The one-click unsubscribe of RFC 8058: POST with the signed token, no login.

    Mail programs POST `List-Unsubscribe=One-Click` to this address without a session
    or CSRF token; the signed token is the authorisation and names one address only.
    GET (a person following the link) shows a button that posts here with a CSRF
    token; any other POST without a valid token is refused like everywhere else.
    """

    def dispatch(self, request, *args, **kwargs):
        try:
            self.address = services.address_from_token(kwargs["token"])
        except signing.BadSignature:
            return render(request, "circulars/unsubscribe_invalid.html", status=400)
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, token):
        return render(request, "circulars/unsubscribe.html", {"address": self.address})

    def post(self, request, token):
        # A mail program's one-click POST carries exactly this field (RFC 8058) and no
        # CSRF token; the button on the page above is a normal form with one.
        if request.POST.get("List-Unsubscribe") != "One-Click":
            refusal = CsrfViewMiddleware(lambda request: None).process_view(request, None, (), {})
            if refusal is not None:
                return refusal
        services.unsubscribe(token=token)
        return render(
            request, "circulars/unsubscribe.html", {"address": self.address, "done": True}
        )
