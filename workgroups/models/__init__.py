"""Working groups (paragraph 5 of the agreement), their memberships and documents."""

# _document_path too: the migrations name it as workgroups.models._document_path.
from workgroups.models.document import GroupDocument, GroupDocumentQuerySet, _document_path
from workgroups.models.group import (
    Membership,
    MembershipQuerySet,
    WorkingGroup,
    WorkingGroupQuerySet,
    attach_member_names,
)

__all__ = [
    "GroupDocument",
    "GroupDocumentQuerySet",
    "Membership",
    "MembershipQuerySet",
    "WorkingGroup",
    "WorkingGroupQuerySet",
    "_document_path",
    "attach_member_names",
]
