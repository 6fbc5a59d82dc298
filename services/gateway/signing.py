"""Webhook signatures: HMAC-SHA256 of `<unix time>.<body>` with the webhook's secret, sent as
`Aya-Signature: t=<unix time>,v1=<hex>`. The time is signed too, so a receiver that refuses old
timestamps cannot be fed a replayed delivery."""

from __future__ import annotations

import hashlib
import hmac

SIGNATURE_HEADER = "Aya-Signature"
EVENT_HEADER = "Aya-Event"
DELIVERY_HEADER = "Aya-Delivery"


def signature(secret: str, timestamp: int, body: bytes) -> str:
    """The hex HMAC-SHA256 of `f"{timestamp}.{body}"` under `secret`."""
    message = str(timestamp).encode() + b"." + body
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def signature_header(secret: str, timestamp: int, body: bytes) -> str:
    """The `Aya-Signature` value of one attempt."""
    return f"t={timestamp},v1={signature(secret, timestamp, body)}"


def verify(secret: str, header: str, body: bytes, now: int, tolerance: int = 300) -> bool:
    """Whether `header` signs `body` with `secret` at a time within `tolerance` seconds of
    `now` (what a receiver checks; compared in constant time)."""
    fields = dict(part.split("=", 1) for part in header.split(",") if "=" in part)
    try:
        timestamp = int(fields["t"])
    except (KeyError, ValueError):
        return False
    if abs(now - timestamp) > tolerance:
        return False
    return hmac.compare_digest(fields.get("v1", ""), signature(secret, timestamp, body))
