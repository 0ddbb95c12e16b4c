"""A working group's documents: upload, deletion, download."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView

from core.actions import ServiceFormMixin
from core.roles import PartnerContactRequiredMixin
from core.uploads import file_response
from workgroups import policies, services
from workgroups.forms import GroupDocumentForm
from workgroups.models import GroupDocument
from workgroups.views.mixins import ConfirmedActionMixin, GroupMixin


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
