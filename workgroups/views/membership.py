"""Joining and leaving a working group; its lead's list of members and requests."""

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView

from core.actions import ServiceActionView, ServiceFormMixin
from core.roles import PartnerContactRequiredMixin, get_roles
from workgroups import policies, services
from workgroups.forms import AddMemberForm, DeclineForm
from workgroups.models import Membership
from workgroups.views.mixins import ConfirmedActionMixin, GroupMixin, ManagerMixin


class JoinView(PartnerContactRequiredMixin, GroupMixin, ServiceActionView):
    def perform(self):
        organisations = get_roles(self.request.user).organisations
        wanted = self.request.POST.get("organisation")
        organisation = next((o for o in organisations if str(o.pk) == wanted), None)
        if organisation is None and organisations and not wanted:
            organisation = organisations[0]
        if organisation is None:
            raise ValidationError(_("Sie sind keine Ansprechperson einer Partnerorganisation."))
        membership = services.join_group(
            group=self.group, organisation=organisation, by=self.request.user
        )
        if membership.status == Membership.Status.ACTIVE:
            self.success_message = _("%(organisation)s ist Mitglied der Arbeitsgruppe.") % {
                "organisation": organisation
            }
        else:
            self.success_message = _(
                "Die Anfrage ist gestellt. Die Leitung der Gruppe entscheidet und "
                "Sie erhalten eine E-Mail."
            )
        return membership

    def get_success_url(self):
        return self.group.get_absolute_url()


class LeaveView(PartnerContactRequiredMixin, GroupMixin, ConfirmedActionMixin, TemplateView):
    template_name = "workgroups/membership_confirm_leave.html"

    @cached_property
    def memberships(self):
        memberships = list(
            self.group.memberships.filter(
                organisation__in=get_roles(self.request.user).organisations,
                status__in=[Membership.Status.ACTIVE, Membership.Status.REQUESTED],
            ).select_related("organisation")
        )
        for membership in memberships:
            membership.group = self.group
            membership.may_leave = policies.can_leave_group(self.request.user, membership)
        return memberships

    def get_context_data(self, **kwargs):
        return super().get_context_data(memberships=self.memberships, **kwargs)

    def perform(self):
        wanted = self.request.POST.get("organisation")
        membership = next(
            (m for m in self.memberships if str(m.organisation_id) == wanted or not wanted), None
        )
        if membership is None:
            raise ValidationError(_("Ihre Organisation ist nicht Mitglied dieser Gruppe."))
        return services.leave_group(
            group=self.group, organisation=membership.organisation, by=self.request.user
        )

    def get_success_message(self, membership):
        return _("%(organisation)s ist aus der Arbeitsgruppe ausgetreten.") % {
            "organisation": membership.organisation
        }


class MembersView(PartnerContactRequiredMixin, ManagerMixin, TemplateView):
    template_name = "workgroups/membership_list.html"

    def get_context_data(self, **kwargs):
        memberships = list(
            self.group.memberships.select_related("organisation")
            .prefetch_related("contacts")
            .order_by("status", "organisation__name")
        )
        user = self.request.user
        for membership in memberships:
            membership.group = self.group
            membership.may_decide = policies.can_decide_membership(user, membership)
        return super().get_context_data(
            pending=[m for m in memberships if m.status == Membership.Status.REQUESTED],
            members=[m for m in memberships if m.status == Membership.Status.ACTIVE],
            former=[
                m
                for m in memberships
                if m.status in (Membership.Status.LEFT, Membership.Status.DECLINED)
            ],
            add_form=AddMemberForm(group=self.group),
            may_add_member=policies.can_add_member(user, self.group),
            **kwargs,
        )


class AddMemberView(PartnerContactRequiredMixin, ManagerMixin, ServiceActionView):
    def perform(self):
        form = AddMemberForm(self.request.POST, group=self.group)
        if not form.is_valid():
            raise ValidationError(_("Bitte wählen Sie eine aktive Partnerorganisation aus."))
        organisation = form.cleaned_data["organisation"]
        membership = services.add_member(
            group=self.group, organisation=organisation, by=self.request.user
        )
        self.success_message = _("%(organisation)s ist aufgenommen.") % {
            "organisation": organisation
        }
        return membership

    def get_success_url(self):
        return reverse("workgroups:members", kwargs={"slug": self.group.slug})


class PendingMembershipMixin(PartnerContactRequiredMixin, ManagerMixin):
    @cached_property
    def membership(self):
        membership = get_object_or_404(
            self.group.memberships.pending().select_related("organisation"), pk=self.kwargs["pk"]
        )
        membership.group = self.group
        return membership

    def get_success_url(self):
        return reverse("workgroups:members", kwargs={"slug": self.group.slug})


class ApproveView(PendingMembershipMixin, ServiceActionView):
    def perform(self):
        membership = services.approve_membership(membership=self.membership, by=self.request.user)
        self.success_message = _("%(organisation)s ist aufgenommen.") % {
            "organisation": membership.organisation
        }
        return membership


class DeclineView(PendingMembershipMixin, ServiceFormMixin, FormView):
    """GET asks for confirmation (and a reason), POST rejects the request to join."""

    form_class = DeclineForm
    template_name = "workgroups/membership_confirm_decline.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            membership=self.membership,
            may_decide=policies.can_decide_membership(self.request.user, self.membership),
            **kwargs,
        )

    def perform(self, form):
        return services.decline_membership(
            membership=self.membership, by=self.request.user, reason=form.cleaned_data["reason"]
        )

    def get_success_message(self, membership):
        return _("Die Anfrage von %(organisation)s ist abgelehnt.") % {
            "organisation": membership.organisation
        }
