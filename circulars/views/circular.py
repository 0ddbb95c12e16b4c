"""The coordination's pages of circulars: list, drafting, one circular's page and preview."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, ListView, TemplateView

from circulars import audience as audiences
from circulars import policies, services
from circulars.forms import CircularForm, GroupCircularForm
from circulars.mail import build_message
from circulars.models import Circular, CircularSettings, Delivery
from core.actions import ServiceActionView, ServiceFormMixin
from core.ratelimit import rate_limit
from core.roles import (
    CoordinatorRequiredMixin,
    PartnerContactRequiredMixin,
    get_roles,
    redirect_to_second_factor,
)

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
