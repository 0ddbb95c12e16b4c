from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.decorators import method_decorator
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.generic import CreateView, DetailView, FormView, ListView, TemplateView, View

from netzwerk.pagecache import cache_public_page
from netzwerk.roles import (
    CoordinatorRequiredMixin,
    PartnerContactRequiredMixin,
    get_roles,
)
from netzwerk.uploads import file_response
from workgroups import services
from workgroups.forms import (
    AddMemberForm,
    DeclineForm,
    FoundGroupForm,
    GroupDescriptionForm,
    GroupDocumentForm,
    GroupMeetingForm,
    GroupMessageForm,
)
from workgroups.models import GroupDocument, Membership, WorkingGroup


def _error_text(error):
    return " ".join(error.messages) if isinstance(error, ValidationError) else str(error)


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
        return WorkingGroup.objects.active().with_members().with_next_meeting()

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            closed_groups=WorkingGroup.objects.closed().with_members().order_by("-closed_on"),
            **kwargs,
        )


@method_decorator(cache_public_page, name="dispatch")
class WorkingGroupDetailView(DetailView):
    def get_queryset(self):
        return (
            WorkingGroup.objects.with_members()
            .with_next_meeting()
            .select_related("founding_resolution__agenda_item__meeting")
        )

    def get_context_data(self, **kwargs):
        group = self.object
        user = self.request.user
        roles = get_roles(user)
        may_read_internal = group.may_be_read_internally_by(user)
        documents = GroupDocument.objects.filter(group=group)
        if not may_read_internal:
            documents = documents.public()
        own = (
            {
                m.organisation_id: m
                for m in group.memberships.filter(organisation__in=roles.organisations)
            }
            if roles.organisations
            else {}
        )
        own_organisations = [
            {"organisation": o, "membership": own.get(o.pk)} for o in roles.organisations
        ]
        may_manage = group.may_be_managed_by(user)
        return super().get_context_data(
            may_read_internal=may_read_internal,
            may_manage=may_manage,
            documents=documents,
            own_organisations=own_organisations,
            pending_count=group.memberships.pending().count() if may_manage else 0,
            meetings=group.meetings_for(user),
            programme_items=group.programme_items(),
            **kwargs,
        )


class WorkingGroupFoundView(CoordinatorRequiredMixin, CreateView):
    form_class = FoundGroupForm
    template_name = "workgroups/workinggroup_found.html"

    def form_valid(self, form):
        try:
            group = services.found_group(by=self.request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(
            self.request, _("Die Arbeitsgruppe „%(name)s“ ist gegründet.") % {"name": group.name}
        )
        return redirect(group)


class WorkingGroupUpdateView(PartnerContactRequiredMixin, ManagerMixin, FormView):
    form_class = GroupDescriptionForm
    template_name = "workgroups/workinggroup_form.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.group}

    def form_valid(self, form):
        services.update_group(group=self.group, by=self.request.user, **form.cleaned_data)
        messages.success(self.request, _("Die Beschreibung ist gespeichert."))
        return redirect(self.group)


class WorkingGroupCloseView(CoordinatorRequiredMixin, GroupMixin, TemplateView):
    template_name = "workgroups/workinggroup_confirm_close.html"

    def post(self, request, *args, **kwargs):
        try:
            services.close_group(group=self.group, by=request.user)
        except ValidationError as error:
            messages.error(request, _error_text(error))
        else:
            messages.success(
                request, _("Die Arbeitsgruppe „%(name)s“ ist geschlossen.") % {"name": self.group}
            )
        return redirect(self.group)


class JoinView(PartnerContactRequiredMixin, GroupMixin, View):
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        organisations = get_roles(request.user).organisations
        wanted = request.POST.get("organisation")
        organisation = next((o for o in organisations if str(o.pk) == wanted), None)
        if organisation is None and organisations and not wanted:
            organisation = organisations[0]
        if organisation is None:
            messages.error(request, _("Sie sind keine Ansprechperson einer Partnerorganisation."))
            return redirect(self.group)
        try:
            membership = services.join_group(
                group=self.group, organisation=organisation, by=request.user
            )
        except ValidationError as error:
            messages.error(request, _error_text(error))
        else:
            if membership.status == Membership.Status.ACTIVE:
                messages.success(
                    request,
                    _("%(organisation)s ist Mitglied der Arbeitsgruppe.")
                    % {"organisation": organisation},
                )
            else:
                messages.success(
                    request,
                    _(
                        "Die Anfrage ist gestellt. Die Leitung der Gruppe entscheidet und "
                        "Sie erhalten eine E-Mail."
                    ),
                )
        return redirect(self.group)


class LeaveView(PartnerContactRequiredMixin, GroupMixin, TemplateView):
    template_name = "workgroups/membership_confirm_leave.html"

    @cached_property
    def memberships(self):
        return list(
            self.group.memberships.filter(
                organisation__in=get_roles(self.request.user).organisations,
                status__in=[Membership.Status.ACTIVE, Membership.Status.REQUESTED],
            ).select_related("organisation")
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(memberships=self.memberships, **kwargs)

    def post(self, request, *args, **kwargs):
        wanted = request.POST.get("organisation")
        membership = next(
            (m for m in self.memberships if str(m.organisation_id) == wanted or not wanted), None
        )
        if membership is None:
            messages.error(request, _("Ihre Organisation ist nicht Mitglied dieser Gruppe."))
            return redirect(self.group)
        try:
            services.leave_group(
                group=self.group, organisation=membership.organisation, by=request.user
            )
        except ValidationError as error:
            messages.error(request, _error_text(error))
        else:
            messages.success(
                request,
                _("%(organisation)s ist aus der Arbeitsgruppe ausgetreten.")
                % {"organisation": membership.organisation},
            )
        return redirect(self.group)


class MembersView(PartnerContactRequiredMixin, ManagerMixin, TemplateView):
    template_name = "workgroups/membership_list.html"

    def get_context_data(self, **kwargs):
        memberships = (
            self.group.memberships.select_related("organisation")
            .prefetch_related("contacts")
            .order_by("status", "organisation__name")
        )
        return super().get_context_data(
            pending=[m for m in memberships if m.status == Membership.Status.REQUESTED],
            members=[m for m in memberships if m.status == Membership.Status.ACTIVE],
            former=[
                m
                for m in memberships
                if m.status in (Membership.Status.LEFT, Membership.Status.DECLINED)
            ],
            add_form=AddMemberForm(group=self.group),
            **kwargs,
        )


class AddMemberView(PartnerContactRequiredMixin, ManagerMixin, View):
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        form = AddMemberForm(request.POST, group=self.group)
        if not form.is_valid():
            messages.error(request, _("Bitte wählen Sie eine aktive Partnerorganisation aus."))
        else:
            organisation = form.cleaned_data["organisation"]
            try:
                services.add_member(group=self.group, organisation=organisation, by=request.user)
            except ValidationError as error:
                messages.error(request, _error_text(error))
            else:
                messages.success(
                    request,
                    _("%(organisation)s ist aufgenommen.") % {"organisation": organisation},
                )
        return redirect("workgroups:members", slug=self.group.slug)


class DecisionView(PartnerContactRequiredMixin, ManagerMixin, View):
    http_method_names = ["post"]
    approve = True

    def post(self, request, *args, **kwargs):
        membership = get_object_or_404(
            self.group.memberships.pending().select_related("organisation"), pk=kwargs["pk"]
        )
        try:
            if self.approve:
                services.approve_membership(membership=membership, by=request.user)
                text = _("%(organisation)s ist aufgenommen.")
            else:
                form = DeclineForm(request.POST)
                reason = form.cleaned_data["reason"] if form.is_valid() else ""
                services.decline_membership(membership=membership, by=request.user, reason=reason)
                text = _("Die Anfrage von %(organisation)s ist abgelehnt.")
        except ValidationError as error:
            messages.error(request, _error_text(error))
        else:
            messages.success(request, text % {"organisation": membership.organisation})
        return redirect("workgroups:members", slug=self.group.slug)


class DocumentUploadView(PartnerContactRequiredMixin, GroupMixin, FormView):
    form_class = GroupDocumentForm
    template_name = "workgroups/groupdocument_form.html"

    def check_group(self, group):
        if not group.may_be_read_internally_by(self.request.user):
            raise PermissionDenied(_("Nur Mitglieder der Gruppe und die Koordination dürfen das."))

    def form_valid(self, form):
        try:
            services.add_document(group=self.group, by=self.request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Das Dokument ist hochgeladen."))
        return redirect(self.group)


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


class MessageView(PartnerContactRequiredMixin, ManagerMixin, FormView):
    form_class = GroupMessageForm
    template_name = "workgroups/group_message_form.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            recipient_count=len(services.member_emails(self.group)), **kwargs
        )

    def form_valid(self, form):
        try:
            count = services.send_group_message(
                group=self.group, by=self.request.user, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            ngettext(
                "Die Nachricht ist an %(count)d Person verschickt.",
                "Die Nachricht ist an %(count)d Personen verschickt.",
                count,
            )
            % {"count": count},
        )
        return redirect(self.group)


class GroupMeetingCreateView(PartnerContactRequiredMixin, ManagerMixin, FormView):
    form_class = GroupMeetingForm
    template_name = "workgroups/meeting_form.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            member_count=self.group.invitee_organisations().count(), **kwargs
        )

    def form_valid(self, form):
        try:
            meeting = services.schedule_group_meeting(
                group=self.group, by=self.request.user, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("Das Treffen „%(title)s“ ist geplant, die Mitglieder sind eingeladen.")
            % {"title": meeting.title},
        )
        return redirect(self.group)
