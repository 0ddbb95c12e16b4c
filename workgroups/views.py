from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.generic import DetailView, FormView, ListView, TemplateView

from core import registry
from core.actions import (
    CorrectionView,
    ServiceActionMixin,
    ServiceActionView,
    ServiceFormMixin,
)
from core.models import Correction
from core.pagecache import cache_public_page
from core.roles import (
    CoordinatorRequiredMixin,
    PartnerContactRequiredMixin,
    get_roles,
)
from core.uploads import file_response
from workgroups import policies, services
from workgroups.forms import (
    AddMemberForm,
    DeclineForm,
    FoundGroupForm,
    GroupDescriptionForm,
    GroupDocumentForm,
    GroupMeetingForm,
    GroupMessageForm,
)
from workgroups.models import GroupDocument, Membership, WorkingGroup, attach_member_names


class GroupMixin:
    """Loads the group named in the URL and checks what the view needs on it."""

    def check_group(self, group):
        """Raise PermissionDenied unless the user may use this view on the group."""

    @cached_property
    def group(self):
        group = get_object_or_404(WorkingGroup.objects.with_members(), slug=self.kwargs["slug"])
        self.check_group(group)
        return group

    def get_context_data(self, **kwargs):
        return super().get_context_data(group=self.group, **kwargs)


class ManagerMixin(GroupMixin):
    def check_group(self, group):
        if not group.may_be_managed_by(self.request.user):
            raise PermissionDenied(_("Nur die Leitung der Gruppe oder die Koordination darf das."))


@method_decorator(cache_public_page, name="dispatch")
class WorkingGroupListView(ListView):
    template_name = "workgroups/workinggroup_list.html"

    def get_queryset(self):
        return WorkingGroup.objects.active().select_related("lead_organisation").with_next_meeting()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(
            may_found=policies.can_found_group(self.request.user),
            closed_groups=WorkingGroup.objects.closed().order_by("-closed_on"),
            **kwargs,
        )
        context["object_list"] = attach_member_names(context["object_list"])
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


class ConfirmedActionMixin(ServiceActionMixin):
    """GET shows a confirmation page, POST calls `perform()`; refusals become messages."""

    def get_success_url(self):
        return self.group.get_absolute_url()


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


class DocumentUploadView(PartnerContactRequiredMixin, GroupMixin, ServiceFormMixin, FormView):
    form_class = GroupDocumentForm
    template_name = "workgroups/groupdocument_form.html"
    success_message = gettext_lazy("Das Dokument ist hochgeladen.")

    def check_group(self, group):
        if not group.may_be_read_internally_by(self.request.user):
            raise PermissionDenied(_("Nur Mitglieder der Gruppe und die Koordination dürfen das."))

    def perform(self, form):
        return services.add_document(group=self.group, by=self.request.user, **form.cleaned_data)

    def get_success_url(self):
        return self.group.get_absolute_url()


class DocumentDeleteView(
    PartnerContactRequiredMixin, GroupMixin, ConfirmedActionMixin, TemplateView
):
    """GET asks for confirmation, POST removes the document (workgroups.policies)."""

    template_name = "workgroups/groupdocument_confirm_delete.html"

    def check_group(self, group):
        if not group.may_be_read_internally_by(self.request.user):
            raise PermissionDenied(_("Nur Mitglieder der Gruppe und die Koordination dürfen das."))

    @cached_property
    def document(self):
        document = get_object_or_404(GroupDocument, group=self.group, pk=self.kwargs["pk"])
        document.group = self.group
        decision = policies.can_delete_document(self.request.user, document)
        if decision.forbidden:
            raise PermissionDenied(decision.reason)
        return document

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            document=self.document,
            may_delete=policies.can_delete_document(self.request.user, self.document),
            **kwargs,
        )

    def perform(self):
        title = self.document.title
        services.delete_document(document=self.document, by=self.request.user)
        return title

    def get_success_message(self, title):
        return _("„%(title)s“ ist gelöscht.") % {"title": title}


def document_download(request, slug, pk):
    # Internal documents of other groups look missing, not forbidden.
    document = get_object_or_404(
        GroupDocument.objects.visible_to(request.user).select_related("group"),
        group__slug=slug,
        pk=pk,
    )
    if not document.file:
        raise Http404
    return file_response(document.file, filename=document.filename, inline=True)


class MessageView(PartnerContactRequiredMixin, ManagerMixin, ServiceFormMixin, FormView):
    form_class = GroupMessageForm
    template_name = "workgroups/group_message_form.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            recipient_count=len(services.member_emails(self.group)), **kwargs
        )

    def perform(self, form):
        return services.send_group_message(
            group=self.group, by=self.request.user, **form.cleaned_data
        )

    def get_success_message(self, count):
        return ngettext(
            "Die Nachricht ist an %(count)d Person verschickt.",
            "Die Nachricht ist an %(count)d Personen verschickt.",
            count,
        ) % {"count": count}

    def get_success_url(self):
        return self.group.get_absolute_url()


class GroupMeetingCreateView(PartnerContactRequiredMixin, ManagerMixin, ServiceFormMixin, FormView):
    form_class = GroupMeetingForm
    template_name = "workgroups/meeting_form.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            member_count=self.group.invitee_organisations().count(), **kwargs
        )

    def perform(self, form):
        return services.schedule_group_meeting(
            group=self.group, by=self.request.user, **form.cleaned_data
        )

    def get_success_message(self, meeting):
        return _("Das Treffen „%(title)s“ ist geplant, die Mitglieder sind eingeladen.") % {
            "title": meeting.title
        }

    def get_success_url(self):
        return self.group.get_absolute_url()
