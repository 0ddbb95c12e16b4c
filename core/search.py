"""Turning a visitor's search text into safe search words."""

import unicodedata

from django.utils.text import slugify

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


# German spells umlauts out (ä → ae, ß → ss) where letters are plain: in addresses
# and in the folded text the search compares.
GERMAN_LETTERS = str.maketrans(
    {"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ẞ": "SS"}
)


def fold(text):
    """Text as the search compares it: lower case, umlauts spelled out, accents dropped.

    "Ehrenamtsbörse", "EHRENAMTSBOERSE" and "ehrenamtsboerse" fold alike, as do
    "Limmerstraße" and "Limmerstrasse", "Café" and "cafe".
    """
    spelled = (text or "").translate(GERMAN_LETTERS)
    decomposed = unicodedata.normalize("NFKD", spelled)
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return plain.casefold().translate(GERMAN_LETTERS)


def german_slug(text):
    """A URL slug with German letters spelled out ("Börse Süd" → "boerse-sued")."""
    return slugify((text or "").translate(GERMAN_LETTERS))
