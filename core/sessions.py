"""Django's database sessions, read with a query compiled once (core.compiled).

The session is read from the database on every request of someone logged in (a
session deleted there ends at once, whoever deleted it); building Django's query
for it cost more than running it. Same table, same data, same expiry rule:
`SESSION_ENGINE = "core.sessions"` where Django's would be
`django.contrib.sessions.backends.db`.
"""

from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.contrib.sessions.models import Session
from django.utils import timezone

from core.compiled import TEXT_MARKER, CompiledQuery

_by_key = CompiledQuery(lambda key: Session.objects.filter(session_key=key), marker=TEXT_MARKER)


class SessionStore(DatabaseSessionStore):
    def _get_session_from_db(self):
        key = self.session_key
        found = _by_key(key) if key else []
        if found and found[0].expire_date > timezone.now():
            return found[0]
        self._session_key = None
        return None
