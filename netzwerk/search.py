"""Turning a visitor's search text into safe search words."""

import unicodedata

MAX_WORDS = 8
MAX_WORD_LENGTH = 50


def search_words(query):
    """The first few words of a query, without control characters, each of bounded length.

    Databases refuse some inputs (NUL bytes on PostgreSQL, very long LIKE patterns on
    SQLite); a search box must answer them with "nothing found", not an error.
    """
    cleaned = "".join(
        " " if unicodedata.category(char).startswith("C") else char for char in query or ""
    )
    return [word[:MAX_WORD_LENGTH] for word in cleaned.split()[:MAX_WORDS]]
