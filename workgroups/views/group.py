"""The working groups themselves: list, page, founding, description, correction, closing."""

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import DetailView, FormView, ListView, TemplateView

from core import registry
from core.actions import CorrectionView, ServiceFormMixin
from core.fragments import later, visitor_variant
from core.models import Correction
from core.pagecache import cache_public_page
from core.roles import CoordinatorRequiredMixin, PartnerContactRequiredMixin, get_roles
from workgroups import policies, services
from workgroups.forms import FoundGroupForm, GroupDescriptionForm
from workgroups.models import GroupDocument, WorkingGroup, attach_member_names
from workgroups.views.mixins import ConfirmedActionMixin, GroupMixin, ManagerMixin


@method_decorator(cache_public_page, name="dispatch")
class WorkingGroupListView(ListView):
    template_name = "workgroups/workinggroup_list.html"

    def get_queryset(self):
        # The annotations are added in get_context_data, only when the list's fragment is
        # rendered afresh: building them costs more than finding the fragment.
        return WorkingGroup.objects.active()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(
            may_found=policies.can_found_group(self.request.user),
            closed_groups=later(lambda: list(WorkingGroup.objects.closed().order_by("-closed_on"))),
            **kwargs,
        )
        # Read only when the list's fragment is rendered afresh (core/fragments.py).
        groups = context["object_list"]
        context["object_list"] = later(
            lambda: attach_member_names(
                groups.select_related("lead_organisation").with_next_meeting()
            )
        )
        context["fragment_variant"] = visitor_variant(self.request)
        return context


@method_decorator(cache_public_page, name="dispatch")
class WorkingGroupDetailView(DetailView):
    def get_queryset(self):
        return (
            WorkingGroup.objects.with_members()
            .with_next_meeting()
            .select_related("founding_resolution__agenda_item__meeting")
            .prefetch_related(
                Prefetch(
                    "corrections",
                    queryset=Correction.objects.select_related("corrected_by", "content_type"),
                )
            )
        )

    def get_context_data(self, **kwargs):
        group = self.object
        user = self.request.user
        roles = get_roles(user)
        may_read_internal = group.may_be_read_internally_by(user)
        documents = GroupDocument.objects.filter(group=group)
        if not may_read_internal:
            documents = documents.public()
        documents = list(documents)
        for document in documents:
            document.group = group
            document.may_delete = policies.can_delete_document(user, document)
        own = (
            {
                m.organisation_id: m
                for m in group.memberships.filter(organisation__in=roles.organisations)
            }
            if roles.organisations
            else {}
        )
        own_organisations = []
        for organisation in roles.organisations:
            membership = own.get(organisation.pk)
            if membership is not None:
                membership.group = group
            own_organisations.append(
                {
                    "organisation": organisation,
                    "membership": membership,
                    "may_join": policies.can_join_group(
                        user, group, organisation, membership=membership
                    ),
                    "may_leave": membership is not None
                    and policies.can_leave_group(user, membership),
                }
            )
        may_manage = group.may_be_managed_by(user)
        return super().get_context_data(
            manage_links=registry.collect("group_manage_links", self.request, group),
            may_read_internal=may_read_internal,
            may_manage=may_manage,
            may_edit=policies.can_edit_group(user, group),
            may_close=policies.can_close_group(user, group),
            may_plan_meeting=policies.can_plan_meeting(user, group),
            may_message=policies.can_message_group(user, group),
            may_upload=policies.can_upload_document(user, group),
            may_correct=policies.can_correct_group(user, group),
            corrections=group.corrections.all(),
            documents=documents,
            own_organisations=own_organisations,
            pending_count=group.memberships.pending().count() if may_manage else 0,
            meetings=group.meetings_for(user),
            programme_items=group.programme_items(),
            **kwargs,
        )


class WorkingGroupFoundView(CoordinatorRequiredMixin, ServiceFormMixin, FormView):
    form_class = FoundGroupForm
    template_name = "workgroups/workinggroup_found.html"

    def perform(self, form):
        return services.found_group(by=self.request.user, **form.cleaned_data)

    def get_success_message(self, group):
        return _("Die Arbeitsgruppe „%(name)s“ ist gegründet.") % {"name": group.name}


class WorkingGroupUpdateView(PartnerContactRequiredMixin, ManagerMixin, ServiceFormMixin, FormView):
    form_class = GroupDescriptionForm
    template_name = "workgroups/workinggroup_form.html"
    success_message = gettext_lazy("Die Beschreibung ist gespeichert.")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.group}

    def perform(self, form):
        return services.update_group(group=self.group, by=self.request.user, **form.cleaned_data)


class WorkingGroupCorrectionView(CoordinatorRequiredMixin, CorrectionView):
    """A Berichtigung of a group's locked fields (all of them once it is closed)."""

    policy = policies.can_correct_group

    def get_record(self):
        return get_object_or_404(WorkingGroup, slug=self.kwargs["slug"])

    @property
    def correction_fields(self):
        if self.record.is_final():
            return ["name", "topic", "description", "founded_on", "founding_note", "closed_on"]
        return ["founded_on", "founding_note"]


class WorkingGroupCloseView(
    CoordinatorRequiredMixin, GroupMixin, ConfirmedActionMixin, TemplateView
):
    template_name = "workgroups/workinggroup_confirm_close.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            may_close=policies.can_close_group(self.request.user, self.group), **kwargs
        )

    def perform(self):
        return services.close_group(group=self.group, by=self.request.user)

    def get_success_message(self, group):
        return _("Die Arbeitsgruppe „%(name)s“ ist geschlossen.") % {"name": group.name}
