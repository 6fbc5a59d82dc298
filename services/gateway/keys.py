"""API keys: `aya_live_<prefix>_<secret>`; only a SHA-256 of the whole key is stored.

Keys are 256-bit random, so a fast hash is enough (no password-stretching needed) and lookups
go by the visible prefix, never by scanning hashes.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass

KEY_SCHEME = "aya_live_"
_KEY_RE = re.compile(r"^(aya_live_[0-9a-f]{12})_([A-Za-z0-9_-]{43})$")


@dataclass(frozen=True)
class NewKey:
    """A freshly generated key: `plaintext` is shown once and never stored."""

    key_id: str
    prefix: str
    plaintext: str
    secret_hash: bytes


def hash_key(plaintext: str) -> bytes:
    """The stored digest of a key."""
    return hashlib.sha256(plaintext.encode()).digest()


def generate_key() -> NewKey:
    """A new random API key."""
    prefix = KEY_SCHEME + secrets.token_hex(6)
    plaintext = f"{prefix}_{secrets.token_urlsafe(32)}"
    return NewKey("key_" + secrets.token_hex(8), prefix, plaintext, hash_key(plaintext))


def key_prefix(plaintext: str) -> str | None:
    """The visible prefix of a well-formed key, or None."""
    match = _KEY_RE.match(plaintext)
    return match.group(1) if match else None


def key_matches(plaintext: str, stored_hash: bytes) -> bool:
    """Constant-time check of a presented key against the stored digest."""
    return hmac.compare_digest(hash_key(plaintext), stored_hash)
