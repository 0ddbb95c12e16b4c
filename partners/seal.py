"""The keyed seal of declarations and agreement versions (docs/security-seal.md).

A seal is HMAC-SHA256 over the canonical JSON of everything the declaration's PDF
shows as signed (or, for an agreement version, its number, title, text and date).
The key is the setting DECLARATION_SEAL_KEY, read from the environment; it is never
stored in the database, so someone who can rewrite rows (and recompute a plain
SHA-256) cannot make a seal that verifies.

Each seal is stored with the id of its key (the first hex digits of the key's
SHA-256). New seals use the current key; keys listed in DECLARATION_SEAL_OLD_KEYS
still verify what they sealed, so a key can be rotated without resealing.
"""

import datetime
import hashlib
import hmac
import json

from django.conf import settings
from django.utils.translation import gettext as _

KEY_ID_LENGTH = 12


def key_id(key):
    """The public id of a key: the first hex digits of its SHA-256."""
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:KEY_ID_LENGTH]


def current_key():
    return settings.DECLARATION_SEAL_KEY


def known_keys():
    """Key id → key, for the current key and every old key still configured."""
    keys = {key_id(k): k for k in getattr(settings, "DECLARATION_SEAL_OLD_KEYS", []) if k}
    keys[key_id(current_key())] = current_key()
    return keys


def canonical(payload):
    """The payload as canonical JSON bytes (sorted keys, no spaces, UTF-8)."""
    return json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode(
        "utf-8"
    )


def _mac(key, payload):
    return hmac.new(key.encode("utf-8"), canonical(payload), hashlib.sha256).hexdigest()


def seal(payload):
    """(key id, HMAC) of the payload with the current key."""
    key = current_key()
    return key_id(key), _mac(key, payload)


def verify(payload, stored_key_id, stored_mac):
    """Whether the stored seal matches the payload under a configured key."""
    key = known_keys().get(stored_key_id or "")
    if key is None or not stored_mac:
        return False
    return hmac.compare_digest(_mac(key, payload), stored_mac)


def is_known_key(stored_key_id):
    return (stored_key_id or "") in known_keys()


def problems(payload, stored_key_id, stored_mac):
    """Why a stored seal does not match its payload: [] when it does."""
    if not is_known_key(stored_key_id):
        return [_("Schlüssel „%(key)s“ ist nicht konfiguriert") % {"key": stored_key_id}]
    if not verify(payload, stored_key_id, stored_mac):
        return [_("Siegel stimmt nicht")]
    return []


def _iso_date(value):
    return value.isoformat() if hasattr(value, "isoformat") else (value and str(value))


def version_payload(*, number, title, text, valid_from):
    """What an agreement version's seal covers: number, title, text and date."""
    return {
        "art": "fassung",
        "nummer": int(number),
        "titel": title,
        "text": text,
        "gueltig_ab": _iso_date(valid_from),
    }


def declaration_payload(
    *,
    version,
    organisation_id,
    organisation_data,
    name,
    function,
    place,
    signed_at,
    account_id,
    account_email,
):
    """What a declaration's seal covers: everything its PDF shows as signed.

    `version` is the agreement version (number, title, valid_from, text; its text
    enters as its SHA-256), `signed_at` an aware datetime (sealed in UTC).
    """
    return {
        "art": "erklaerung",
        "fassung": {
            "nummer": int(version.number),
            "titel": version.title,
            "gueltig_ab": _iso_date(version.valid_from),
            "text_sha256": hashlib.sha256(version.text.encode("utf-8")).hexdigest(),
        },
        "organisation_id": organisation_id,
        "organisation": organisation_data,
        "name": name,
        "funktion": function,
        "ort": place,
        "zeitpunkt": signed_at.astimezone(datetime.UTC).isoformat(timespec="microseconds"),
        "konto": {"id": account_id, "email": account_email},
    }
