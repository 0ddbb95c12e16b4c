"""Documents attached to a meeting."""

from django.db import transaction

from core.roles import require_coordinator
from meetings import policies
from meetings.models import MeetingDocument


@transaction.atomic
def add_document(*, meeting, by, title, file, is_public):
    """Attach a checked document (see core.uploads.clean_document) to a meeting."""
    require_coordinator(by)
    return MeetingDocument.objects.create(
        meeting=meeting, title=title, file=file, is_public=is_public, uploaded_by=by
    )


@transaction.atomic
def delete_document(*, document, by):
    """Remove a document and its file, unless it belongs to approved minutes."""
    policies.can_delete_document(by, document).enforce()
    document.file.delete(save=False)
    document.delete()
