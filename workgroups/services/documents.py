"""Documents of a working group: uploading and deleting them."""

from django.db import transaction

from workgroups import policies
from workgroups.models import GroupDocument


@transaction.atomic
def add_document(*, group, title, file, is_public, by):
    """Attach a checked document to the group: members of the group and coordinators may."""
    policies.can_upload_document(by, group).enforce()
    return GroupDocument.objects.create(
        group=group,
        title=title,
        file=file,
        filename=file.name.rsplit("/", 1)[-1],
        is_public=is_public,
        uploaded_by=by,
    )


@transaction.atomic
def delete_document(*, document, by):
    """Remove a document of an active group: its uploader, the lead or a coordinator."""
    document = GroupDocument.objects.select_for_update().select_related("group").get(pk=document.pk)
    policies.can_delete_document(by, document).enforce()
    document.file.delete(save=False)
    document.delete()
