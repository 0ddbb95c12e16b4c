from django.contrib import messages
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404, HttpResponseRedirect
from django.middleware.csrf import CsrfViewMiddleware
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.generic import DetailView, FormView, ListView, TemplateView

from circulars import audience as audiences
from circulars import policies, services
from circulars.forms import CircularForm, GroupCircularForm, PreferenceForm
from circulars.mail import build_message
from circulars.models import Circular, CircularSettings, Delivery
from core.actions import ServiceActionView, ServiceFormMixin
from core.ratelimit import rate_limit
from core.roles import (
    CoordinatorRequiredMixin,
    LoginRequiredMixin,
    PartnerContactRequiredMixin,
    get_roles,
    redirect_to_second_factor,
)
from workgroups.models import WorkingGroup

DELIVERIES_PER_PAGE = 50


def delivery_counts(circular):
    """{status: number} of the circular's deliveries, in one query."""
    row = Delivery.objects.filter(circular=circular).aggregate(
        total=Count("pk"),
        **{status: Count("pk", filter=Q(status=status)) for status in Delivery.Status.values},
    )
    return row


class CircularListView(CoordinatorRequiredMixin, ListView):
    template_name = "circulars/circular_list.html"
    paginate_by = 25

    def get_queryset(self):
        return (
            Circular.objects.select_related("working_group")
            .annotate(
                recipients=Count("deliveries"),
                delivered=Count("deliveries", filter=Q(deliveries__status=Delivery.Status.SENT)),
            )
            .order_by("-created_at", "-pk")
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(settings=CircularSettings.current(), **kwargs)


class LeadsMayWriteView(CoordinatorRequiredMixin, ServiceActionView):
    """The switch on the list: may working groups' leads write to their members?"""

    def perform(self):
        return services.set_leads_may_write(
            by=self.request.user, allowed=self.request.POST.get("leads_may_write") == "1"
        )

    def get_success_message(self, result):
        if result.leads_may_write:
            return _("Die Leitungen der Arbeitsgruppen können ihren Mitgliedern jetzt schreiben.")
        return _(
            "Die Leitungen der Arbeitsgruppen schreiben ihren Mitgliedern keine Rundschreiben."
        )

    def get_success_url(self):
        return reverse("circulars:list")


class CircularFormMixin(ServiceFormMixin):
    form_class = CircularForm
    template_name = "circulars/circular_form.html"

    def get_form_class(self):
        circular = getattr(self, "circular", None)
        if circular is not None and circular.working_group_id:
            return GroupCircularForm
        return self.form_class


@method_decorator(rate_limit("circular", limit=30, period=60), name="dispatch")
class CircularCreateView(CoordinatorRequiredMixin, CircularFormMixin, FormView):
    success_message = gettext_lazy(
        "Der Entwurf ist gespeichert. Prüfen Sie Empfänger und Vorschau, dann senden Sie ihn."
    )

    def perform(self, form):
        return services.create_circular(
            by=self.request.user,
            audience=form.audience(),
            attachments=form.attachments(),
            **form.content(),
        )


class _AskCircularPolicy:
    """After the role check: may this person open this circular's pages at all?"""

    def dispatch(self, request, *args, **kwargs):
        decision = policies.can_view_circular(request.user, self.circular)
        if not decision:
            if get_roles(request.user).needs_second_factor:
                return redirect_to_second_factor(request)
            raise PermissionDenied(decision.reason)
        return super().dispatch(request, *args, **kwargs)


class CircularScopedMixin(PartnerContactRequiredMixin, _AskCircularPolicy):
    """One circular's coordination pages: coordinators, and the lead who wrote a group
    circular (policies.can_view_circular); anyone else gets a 403."""

    @cached_property
    def circular(self):
        return get_object_or_404(
            Circular.objects.select_related("working_group", "created_by", "sent_by"),
            pk=self.kwargs["pk"],
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            circular=self.circular,
            group=self.circular.working_group,
            coordination=policies.can_view_circulars(self.request.user),
            **kwargs,
        )


class CircularUpdateView(CircularScopedMixin, CircularFormMixin, FormView):
    success_message = gettext_lazy("Der Entwurf ist gespeichert.")

    def get(self, request, *args, **kwargs):
        decision = policies.can_edit_circular(request.user, self.circular)
        if not decision:
            messages.error(request, decision.reason)
            return HttpResponseRedirect(self.circular.get_absolute_url())
        return super().get(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.circular}

    def perform(self, form):
        return services.update_circular(
            circular=self.circular,
            by=self.request.user,
            audience=form.audience(),
            attachments=form.attachments(),
            **form.content(),
        )


class CircularDetailView(CircularScopedMixin, TemplateView):
    template_name = "circulars/circular_detail.html"

    def get_context_data(self, **kwargs):
        circular = self.circular
        user = self.request.user
        counts = delivery_counts(circular)
        if circular.state == Circular.State.DRAFT:
            recipient_count = audiences.count(circular.kind, circular.audience)
        else:
            recipient_count = counts["total"]
        page = Paginator(
            Delivery.objects.filter(circular=circular).order_by("email"), DELIVERIES_PER_PAGE
        ).get_page(self.request.GET.get("seite"))
        return super().get_context_data(
            counts=counts,
            recipient_count=recipient_count,
            audience_text=circular.audience_description or audiences.describe(circular.audience),
            deliveries=page,
            may_edit=policies.can_edit_circular(user, circular),
            may_send=policies.can_send_circular(user, circular, recipient_count=recipient_count),
            may_cancel=policies.can_cancel_circular(user, circular),
            may_resume=policies.can_resume_circular(user, circular),
            may_publish=policies.can_publish_circular(user, circular),
            **kwargs,
        )


class CircularPreviewView(CircularScopedMixin, TemplateView):
    """The mail as one recipient gets it: the first of the audience (or of the deliveries)."""

    template_name = "circulars/circular_preview.html"

    def get_context_data(self, **kwargs):
        circular = self.circular
        delivery = Delivery.objects.filter(circular=circular).order_by("email").first()
        if delivery is not None:
            recipient = {
                "email": delivery.email,
                "name": delivery.name,
                "organisation_name": delivery.organisation_name,
                "language": delivery.language,
            }
        else:
            found = services.preview_recipient(circular)
            recipient = (
                {
                    "email": found.email,
                    "name": found.name,
                    "organisation_name": found.organisation_name,
                    "language": found.language,
                }
                if found
                else None
            )
        message = build_message(circular, **recipient) if recipient else None
        html_context = {}
        if message is not None:
            from circulars.mail import mail_context

            html_context = mail_context(circular, **recipient)
        return super().get_context_data(
            recipient=recipient, message=message, mail=html_context, **kwargs
        )


class CircularSendView(CircularScopedMixin, ServiceFormMixin, FormView):
    """GET shows the exact number of recipients and asks; POST queues the send."""

    template_name = "circulars/circular_confirm_send.html"

    def get_form_class(self):
        from django import forms

        return forms.Form

    def get_context_data(self, **kwargs):
        count = audiences.count(self.circular.kind, self.circular.audience)
        return super().get_context_data(
            recipient_count=count,
            audience_text=audiences.describe(self.circular.audience),
            may_send=policies.can_send_circular(
                self.request.user, self.circular, recipient_count=count
            ),
            **kwargs,
        )

    def perform(self, form):
        return services.queue_circular(circular=self.circular, by=self.request.user)

    def get_success_message(self, result):
        return _("Das Rundschreiben wartet auf den Versand; der Fortschritt steht unten.")


class CircularActionView(CircularScopedMixin, ServiceActionView):
    def get_success_url(self):
        return self.circular.get_absolute_url()


class CircularTestView(CircularActionView):
    def perform(self):
        return services.send_test(circular=self.circular, by=self.request.user)

    def get_success_message(self, result):
        return _("Eine Testmail an %(address)s ist unterwegs.") % {"address": result}


class CircularCancelView(CircularActionView):
    def perform(self):
        return services.cancel_circular(circular=self.circular, by=self.request.user)

    def get_success_message(self, result):
        return _("Der Versand ist abgebrochen; noch nicht gesendete Mails gehen nicht mehr hinaus.")


class CircularResumeView(CircularActionView):
    def perform(self):
        return services.resume_circular(circular_id=self.circular.pk, by=self.request.user)

    def get_success_message(self, result):
        return _("Der nächste Teil des Versands ist eingereiht.")


class CircularPublicView(CircularActionView):
    def perform(self):
        return services.set_public(
            circular=self.circular,
            by=self.request.user,
            public=self.request.POST.get("public") == "1",
        )

    def get_success_message(self, result):
        if result.public:
            return _("Das Rundschreiben erscheint nach dem Versand unter „Aktuelles“.")
        return _("Das Rundschreiben erscheint nicht unter „Aktuelles“.")


class GroupMixin:
    @cached_property
    def group(self):
        group = get_object_or_404(WorkingGroup, slug=self.kwargs["slug"])
        decision = policies.can_view_group_circulars(self.request.user, group)
        if not decision:
            raise PermissionDenied(decision.reason)
        return group

    def get_context_data(self, **kwargs):
        return super().get_context_data(group=self.group, coordination=False, **kwargs)


class GroupCircularListView(PartnerContactRequiredMixin, GroupMixin, TemplateView):
    """/arbeitsgruppen/<slug>/rundschreiben/: the lead's circulars to the group's members."""

    template_name = "circulars/group_circular_list.html"

    def get_context_data(self, **kwargs):
        group = self.group
        return super().get_context_data(
            circulars=Circular.objects.of_group_lead(self.request.user, group)
            .order_by("-created_at", "-pk")
            .annotate(
                recipients=Count("deliveries"),
                delivered=Count("deliveries", filter=Q(deliveries__status=Delivery.Status.SENT)),
            ),
            may_create=policies.can_create_group_circular(self.request.user, group),
            recipient_count=audiences.count(Circular.Kind.MEETINGS, {"working_group": group.pk}),
            **kwargs,
        )


@method_decorator(rate_limit("circular", limit=30, period=60), name="dispatch")
class GroupCircularCreateView(PartnerContactRequiredMixin, GroupMixin, ServiceFormMixin, FormView):
    form_class = GroupCircularForm
    template_name = "circulars/circular_form.html"
    success_message = gettext_lazy(
        "Der Entwurf ist gespeichert. Prüfen Sie Empfänger und Vorschau, dann senden Sie ihn."
    )

    def get(self, request, *args, **kwargs):
        decision = policies.can_create_group_circular(request.user, self.group)
        if not decision:
            messages.error(request, decision.reason)
            return HttpResponseRedirect(reverse("circulars:group_list", args=[self.group.slug]))
        return super().get(request, *args, **kwargs)

    def perform(self, form):
        return services.create_group_circular(
            group=self.group,
            by=self.request.user,
            attachments=form.attachments(),
            **form.content(),
        )


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
