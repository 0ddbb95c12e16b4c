"""Who may do what to a post (news or event for the homepage), and when.

Contacts of an active partner organisation write their organisation's posts; the
coordinators moderate them. A published post is news, not a final record: the
coordinators may still edit its content (in the admin, through `services.edit_post`),
but it never goes back to draft and is deleted by nobody.

| state             | allowed verbs (who)                                        | next state |
|-------------------|------------------------------------------------------------|------------|
| (none)            | create (contacts of the organisation)                      | draft      |
| draft             | edit, delete (contacts of the organisation)                | draft / –  |
| draft             | submit (contacts of the organisation)                      | submitted  |
| submitted         | publish (coordinators)                                     | published  |
| submitted         | reject with a reason (coordinators)                        | rejected   |
| rejected          | edit, delete, submit again (contacts of the organisation)  | submitted  |
| any               | change the content (coordinators, in the admin)            | unchanged  |

Every date of a post lies between 2000 and 2100 and an event ends after it begins
(`posts.bounds`); coordinators may edit any post's text in the admin.
"""

from django.utils.translation import gettext_lazy as _

from core.policies import ALLOW, Decision, coordinators_only, first_refusal
from core.roles import get_roles

NOT_AUTHOR = _("Sie sind keine Ansprechperson dieser Organisation.")


def _author(user, organisation_id):
    if any(o.pk == organisation_id for o in get_roles(user).organisations):
        return ALLOW
    return Decision.forbid(NOT_AUTHOR)


def can_create_post(user, organisation, *, now=None):
    """Contacts of an active partner write posts for their organisation."""
    return _author(user, organisation.pk)


def can_edit_post(user, post, *, now=None):
    """Authors change their drafts and rejected posts (coordinators: can_change_post)."""
    return first_refusal(
        _author(user, post.organisation_id),
        lambda: (
            ALLOW
            if post.can_edit()
            else Decision.refuse(
                _("Eingereichte und veröffentlichte Beiträge können nicht mehr geändert werden.")
            )
        ),
    )


def can_delete_post(user, post, *, now=None):
    """Authors delete their drafts and rejected posts; submitted and published ones stay."""
    return first_refusal(
        _author(user, post.organisation_id),
        lambda: (
            ALLOW
            if post.can_edit()
            else Decision.refuse(
                _("Eingereichte und veröffentlichte Beiträge können nicht gelöscht werden.")
            )
        ),
    )


def can_submit_post(user, post, *, now=None):
    return first_refusal(
        _author(user, post.organisation_id),
        lambda: (
            ALLOW
            if post.can_submit()
            else Decision.refuse(_("Dieser Beitrag kann nicht eingereicht werden."))
        ),
    )


def _coordinators(user):
    return coordinators_only(user) or Decision.forbid(
        _("Nur die Koordination kann Beiträge freigeben.")
    )


def can_publish_post(user, post, *, now=None):
    return first_refusal(
        _coordinators(user),
        lambda: (
            ALLOW
            if post.can_publish()
            else Decision.refuse(_("Nur eingereichte Beiträge können veröffentlicht werden."))
        ),
    )


def can_reject_post(user, post, *, now=None):
    return first_refusal(
        _coordinators(user),
        lambda: (
            ALLOW
            if post.can_reject()
            else Decision.refuse(_("Nur eingereichte Beiträge können abgelehnt werden."))
        ),
    )


def can_change_post(user, post, *, now=None):
    """The admin's change form: coordinators edit a post's content in any state."""
    return coordinators_only(user)


def can_admin_delete_post(user, post, *, now=None):
    """The admin deletes no post: authors delete their drafts, submitted posts are moderated."""
    decision = coordinators_only(user)
    if not decision:
        return decision
    return Decision.refuse(
        _(
            "Beiträge löscht nur ihre Organisation, solange sie Entwurf oder abgelehnt sind; "
            "eingereichte werden abgelehnt, veröffentlichte bleiben."
        )
    )
