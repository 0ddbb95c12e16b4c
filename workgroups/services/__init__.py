"""Changes to working groups: founding, closing, membership, documents, messages."""

from workgroups.services.documents import add_document, delete_document
from workgroups.services.groups import close_group, found_group, set_lead, update_group
from workgroups.services.meeting import schedule_group_meeting
from workgroups.services.membership import (
    add_member,
    approve_membership,
    decline_membership,
    join_group,
    leave_all_groups,
    leave_group,
)
from workgroups.services.messages import member_emails, send_group_message

__all__ = [
    "add_document",
    "add_member",
    "approve_membership",
    "close_group",
    "decline_membership",
    "delete_document",
    "found_group",
    "join_group",
    "leave_all_groups",
    "leave_group",
    "member_emails",
    "schedule_group_meeting",
    "send_group_message",
    "set_lead",
    "update_group",
]
