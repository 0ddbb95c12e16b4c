"""Elections, nominations, ballots, receipts and terms.

One module per record: `election` (elections and nominations), `ballot` (the
electorate, receipts, ballots and their choices; its docstring says what a secret
ballot stores and what it cannot tell) and `term` (seats and terms).
"""

from elections.models.ballot import (
    Ballot,
    BallotChoice,
    BallotChoiceQuerySet,
    BallotQuerySet,
    BallotReceipt,
    ElectorateMember,
    WrittenOnce,
    WrittenOnceQuerySet,
    _rewriting_ballots,
    minute_now,
)
from elections.models.election import (
    ELECTED_SEATS,
    STATEMENT_MAX_LENGTH,
    Election,
    ElectionQuerySet,
    Nomination,
    NominationQuerySet,
)
from elections.models.term import (
    REMINDER_DAYS,
    TERM_YEARS,
    Seat,
    Term,
    TermQuerySet,
    term_end,
)

__all__ = [
    "ELECTED_SEATS",
    "REMINDER_DAYS",
    "STATEMENT_MAX_LENGTH",
    "TERM_YEARS",
    "Ballot",
    "BallotChoice",
    "BallotChoiceQuerySet",
    "BallotQuerySet",
    "BallotReceipt",
    "Election",
    "ElectionQuerySet",
    "ElectorateMember",
    "Nomination",
    "NominationQuerySet",
    "Seat",
    "Term",
    "TermQuerySet",
    "WrittenOnce",
    "WrittenOnceQuerySet",
    "_rewriting_ballots",
    "minute_now",
    "term_end",
]
