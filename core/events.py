"""The events one app announces and others may react to: named, typed, listed here.

An app announces an event with `registry.notify(events.OrganisationJoined(organisation))`
and reacts to one by declaring a handler in its AppConfig.ready()
(`registry.contribute(self, handlers={events.OrganisationJoined: ...})`). A handler gets
the event object. Handlers run inside the announcing service's transaction.
"""

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class OrganisationJoined:
    """An applicant became an active partner (partners: accepting an application)."""

    organisation: Any  # partners.Organisation


@dataclass(frozen=True)
class OrganisationLeft:
    """A partner's exit was carried out (partners: the organisation is inactive now)."""

    organisation: Any  # partners.Organisation


@dataclass(frozen=True)
class MembershipStarted:
    """An organisation became a member of a working group (workgroups)."""

    membership: Any  # workgroups.Membership


@dataclass(frozen=True)
class AccountDeleting:
    """A person is about to delete their account (netzwerk.services.delete_account, the roof's account page)."""

    user: Any  # netzwerk.User


ALL = frozenset({OrganisationJoined, OrganisationLeft, MembershipStarted, AccountDeleting})
