"""A working group's lead writing circulars to the group's members."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView

from circulars import audience as audiences
from circulars import policies, services
from circulars.forms import GroupCircularForm
from circulars.models import Circular, Delivery
from core.actions import ServiceFormMixin
from core.ratelimit import rate_limit
from core.roles import PartnerContactRequiredMixin
from workgroups.models import WorkingGroup


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
