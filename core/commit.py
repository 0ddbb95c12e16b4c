"""Work to do once when the current transaction commits, however many writes asked."""

from django.db import connections, transaction

STATE = "once_on_commit"


def once_on_commit(key, function, using="default"):
    """Run `function` after the current transaction commits — once per `key` and
    transaction, however often it is asked (a ballot saves several rows; each save would
    otherwise write the page cache's generation again). In autocommit: at once.

    Django replaces its list of commit callbacks when they run or a rollback (a
    savepoint's too) discards some: a new list means a new transaction's set of keys,
    so nothing asked after a rollback is lost.
    """
    connection = connections[using]
    if not connection.in_atomic_block:
        function()
        return
    state = connection.__dict__.get(STATE)
    if state is None or state[0] is not connection.run_on_commit:
        state = connection.__dict__[STATE] = (connection.run_on_commit, set())
    if key in state[1]:
        return
    state[1].add(key)

    def committed():
        state[1].discard(key)
        function()

    transaction.on_commit(committed, using=using)


def forget_pending():
    """Forget what waits for a commit (tests: their transaction never commits, so its
    callbacks never run; a capture of callbacks then starts afresh)."""
    for connection in connections.all(initialized_only=True):
        connection.__dict__.pop(STATE, None)
