"""Page cursors of the list endpoints: an opaque token of (a time, a uuid), the last row of a
page, that the next page starts strictly after — and any token the API did not make is a 422."""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import uuid

from services.gateway.errors import ApiError

_BAD = "cursor: not a cursor this API returned."


def is_uuid(value: str) -> bool:
    """Only the canonical form: uuid.UUID also parses 'urn:uuid:…' and braces, which
    PostgreSQL's uuid type refuses (a 500 the fuzz found)."""
    try:
        return str(uuid.UUID(value)) == value.lower()
    except ValueError:
        return False


def encode_cursor(at: dt.datetime, row_id: str) -> str:
    """The cursor after the row (`at`, `row_id`)."""
    return base64.urlsafe_b64encode(f"{at.isoformat()}|{row_id}".encode()).decode()


def decode_cursor(cursor: str) -> tuple[dt.datetime, str]:
    """(time, id) of a cursor this API made; 422 for anything else."""
    try:
        at, _, row_id = base64.urlsafe_b64decode(cursor.encode()).decode().partition("|")
        parsed = dt.datetime.fromisoformat(at)
    except (binascii.Error, UnicodeDecodeError, ValueError) as exc:
        raise ApiError(422, _BAD) from exc
    if not is_uuid(row_id) or parsed.tzinfo is None:
        raise ApiError(422, _BAD)
    return parsed, row_id
