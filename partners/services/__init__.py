"""Every change to partners that spans rows, sends mail or needs an actor.

One module per concern; every name is importable from here. Carrying out an exit
(partners.leaving), the seal check (partners.seal_check) and the queueing of both
(partners.tasks) live outside this package, so the tasks never import the services;
they are named here too, for the callers that always found them here.
"""

from partners.leaving import carry_out_due_exits, carry_out_exit
from partners.seal_check import (
    SEAL_CHECK_HOUR,
    SEAL_CHECK_MAX_AGE,
    check_seals,
    last_seal_check,
    next_seal_check_at,
    seal_check_warning,
)
from partners.services.agreement import next_agreement_number, publish_agreement_version
from partners.services.applications import (
    approve_application,
    pending_application_of,
    reject_application,
    save_application,
    sign_declaration,
)
from partners.services.membership import (
    EXIT_REASON_MAX_LENGTH,
    declare_exit,
    set_coordinating,
    withdraw_exit,
)
from partners.services.names import PROFILE_FIELDS, follow_new_name
from partners.services.profile import (
    invite_contact,
    link_contacts_to_user,
    remove_contact,
    set_public_consent,
    update_organisation,
)
from partners.tasks import schedule_exit, schedule_seal_check

__all__ = [
    "EXIT_REASON_MAX_LENGTH",
    "PROFILE_FIELDS",
    "SEAL_CHECK_HOUR",
    "SEAL_CHECK_MAX_AGE",
    "approve_application",
    "carry_out_due_exits",
    "carry_out_exit",
    "check_seals",
    "declare_exit",
    "follow_new_name",
    "invite_contact",
    "last_seal_check",
    "link_contacts_to_user",
    "next_agreement_number",
    "next_seal_check_at",
    "pending_application_of",
    "publish_agreement_version",
    "reject_application",
    "remove_contact",
    "save_application",
    "schedule_exit",
    "schedule_seal_check",
    "seal_check_warning",
    "set_coordinating",
    "set_public_consent",
    "sign_declaration",
    "update_organisation",
    "withdraw_exit",
]
