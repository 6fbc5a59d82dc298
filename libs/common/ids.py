"""Identifiers: tenant ids are subject-safe slugs; query ids are UUIDs."""

from __future__ import annotations

import re
import uuid
from typing import Annotated

from pydantic import StringConstraints

TENANT_ID_PATTERN = r"^[a-z0-9][a-z0-9-]{0,62}$"
_TENANT_RE = re.compile(TENANT_ID_PATTERN)

TenantId = Annotated[str, StringConstraints(pattern=TENANT_ID_PATTERN)]
"""A tenant id: lower-case slug, safe as one NATS subject token."""

# Fixed namespace so the same (tenant, Idempotency-Key) maps to the same query id in every replica.
_IDEMPOTENCY_NAMESPACE = uuid.UUID("5b8f0a52-2c1e-4b8e-9d7a-3f6a1c0e9b44")


def is_tenant_id(value: str) -> bool:
    """True when `value` is a valid tenant id."""
    return bool(_TENANT_RE.match(value))


def new_query_id() -> str:
    """A fresh query id (random UUID)."""
    return str(uuid.uuid4())


def new_call_id() -> str:
    """A fresh model call id (random UUID; its audit events' Nats-Msg-Id)."""
    return str(uuid.uuid4())


def query_id_for_key(tenant_id: str, idempotency_key: str) -> str:
    """The query id a client's Idempotency-Key maps to: a UUIDv5 of tenant and key."""
    return str(uuid.uuid5(_IDEMPOTENCY_NAMESPACE, f"{tenant_id}\x1f{idempotency_key}"))
