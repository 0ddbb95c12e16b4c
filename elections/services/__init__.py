"""Every change to elections, ballots and terms goes through these functions.

One module per concern: `election` (draft, nominations, voting opened, cancelled),
`nomination` (proposals and answers), `ballot` (casting, and the rewrite that makes
ballots unlinkable when voting ends: its docstring explains ballot secrecy), `result`
(counting, ties, publishing with terms) and `term` (the speaker group's current terms
and the reminders before they end). Who may vote is answered by elections.eligibility.
"""

from elections.services.ballot import _shuffle_ballots, cast_ballot, count_ballots
from elections.services.election import (
    cancel_election,
    create_election,
    open_nominations,
    open_voting,
)
from elections.services.nomination import (
    accept_nomination,
    decline_nomination,
    nominate_organisation,
)
from elections.services.result import (
    LOT_NOTE_MAX_LENGTH,
    close_voting,
    enter_paper_result,
    publish_result,
    resolve_tie_by_lot,
    resolve_tie_by_runoff,
)
from elections.services.term import (
    reminder_due,
    send_term_reminders,
    speaker_group_term_organisation_ids,
)

__all__ = [
    "LOT_NOTE_MAX_LENGTH",
    "_shuffle_ballots",
    "accept_nomination",
    "cancel_election",
    "cast_ballot",
    "close_voting",
    "count_ballots",
    "create_election",
    "decline_nomination",
    "enter_paper_result",
    "nominate_organisation",
    "open_nominations",
    "open_voting",
    "publish_result",
    "reminder_due",
    "resolve_tie_by_lot",
    "resolve_tie_by_runoff",
    "send_term_reminders",
    "speaker_group_term_organisation_ids",
]
