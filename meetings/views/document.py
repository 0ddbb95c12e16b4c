"""Documents of a meeting: the access-checking download and the coordinators'
upload and delete pages."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView

from core.roles import CoordinatorRequiredMixin
from core.uploads import file_response
from meetings import services
from meetings.forms import DocumentForm
from meetings.models import MeetingDocument
from meetings.views.shared import FormPageMixin, MeetingScopedMixin


def document_download(request, pk, doc):
    """Serve a document if the user may read it.

    Internal documents: anonymous visitors are sent to the login; logged-in users
    without access get 404, as if the document did not exist.
    """
    document = get_object_or_404(MeetingDocument, pk=doc, meeting_id=pk)
    if not MeetingDocument.objects.visible_to(request.user).filter(pk=document.pk).exists():
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        raise Http404
    return file_response(document.file, inline=True)


class DocumentCreateView(CoordinatorRequiredMixin, MeetingScopedMixin, FormPageMixin, FormView):
    form_class = DocumentForm
    submit_label = _("Hochladen")

    def get_heading(self):
        return _("Dokument hochladen: %(title)s") % {"title": self.meeting.title}

    def form_valid(self, form):
        services.add_document(
            meeting=self.meeting,
            by=self.request.user,
            title=form.cleaned_data["title"],
            file=form.cleaned_data["file"],
            is_public=form.cleaned_data["is_public"],
        )
        messages.success(self.request, _("Das Dokument ist hochgeladen."))
        return redirect(self.meeting.get_absolute_url() + "#dokumente")


class DocumentDeleteView(CoordinatorRequiredMixin, MeetingScopedMixin, TemplateView):
    template_name = "meetings/meetingdocument_confirm_delete.html"

    def get_document(self):
        return get_object_or_404(MeetingDocument, meeting=self.meeting, pk=self.kwargs["doc"])

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            meeting=self.meeting, document=self.get_document(), **kwargs
        )

    def post(self, request, *args, **kwargs):
        try:
            services.delete_document(document=self.get_document(), by=request.user)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("Das Dokument ist gelöscht."))
        return redirect(self.meeting)
