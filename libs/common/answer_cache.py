"""Answers kept for a repeat, in the NATS KV bucket `answer_cache` under `<tenant>.<digest>`
(shared by every replica; a tenant's entries are one subject filter, purged with it).

Each service makes its own digest of what its answers depend on (inference: the exact model
request; data_fetch: the resolved plan and the accounts), so entries never collide. An entry may
carry its own expiry, before the bucket's `AYA_ANSWER_CACHE_SECONDS`: a direct answer about a
period that reaches today is kept only briefly, as its numbers still move.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import time
from typing import Any

from faststream.nats import NatsBroker
from nats.errors import Error as NatsError
from nats.js.api import StorageType
from nats.js.errors import KeyNotFoundError
from nats.js.kv import KeyValue
from pydantic import BaseModel, ValidationError

from libs.common.answer import Answer
from libs.common.plan import QueryPlan
from libs.common.settings import CommonSettings
from libs.common.subjects import ANSWER_CACHE_BUCKET, cache_key

logger = logging.getLogger(__name__)


def digest_of(payload: dict[str, Any]) -> str:
    """A stable hash of a JSON-able payload (sorted keys, no spaces)."""
    canonical = json.dumps(payload, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(canonical.encode()).hexdigest()


class _Entry(BaseModel):
    expires_at: float | None = None
    """Unix time after which the entry is a miss (None: the bucket's age limit only)."""
    answer: Answer


async def open_answer_cache(broker: NatsBroker, settings: CommonSettings) -> AnswerCache:
    """The bucket, opened (created the same way by every service that uses it), or an off
    cache when `answer_cache_seconds` is 0."""
    if settings.answer_cache_seconds <= 0:
        return AnswerCache(None)
    kv = await broker.key_value(
        ANSWER_CACHE_BUCKET,
        description="Answers kept for a repeat: <tenant>.<digest> -> answer.",
        history=1,
        ttl=settings.answer_cache_seconds,
        storage=StorageType.FILE,
        replicas=settings.stream_replicas,
    )
    return AnswerCache(kv)


class AnswerCache:
    """Get and put answers by digest, within one tenant's keys; a cache that cannot be reached
    is a miss (logged), never a failed question."""

    def __init__(self, kv: KeyValue | None) -> None:
        self._kv = kv

    @property
    def enabled(self) -> bool:
        return self._kv is not None

    async def get(self, tenant_id: str, digest: str) -> Answer | None:
        if self._kv is None:
            return None
        try:
            entry = await self._kv.get(cache_key(tenant_id, digest))
        except KeyNotFoundError:
            return None
        except (NatsError, TimeoutError) as exc:
            logger.warning("answer cache unreadable, answering without it: %s", exc)
            return None
        try:
            kept = _Entry.model_validate_json(entry.value or b"")
        except ValidationError:
            return None  # an entry of another version: a miss, overwritten by the next answer
        if kept.expires_at is not None and kept.expires_at < time.time():
            return None
        return kept.answer if kept.answer.tenant_id == tenant_id else None

    async def put(
        self, tenant_id: str, digest: str, answer: Answer, *, seconds: float | None = None
    ) -> None:
        """Keep `answer`; for `seconds` when given (else as long as the bucket keeps it)."""
        if self._kv is None:
            return
        expires = time.time() + seconds if seconds is not None else None
        value = _Entry(expires_at=expires, answer=answer).model_dump_json().encode()
        try:
            await self._kv.put(cache_key(tenant_id, digest), value)
        except (NatsError, TimeoutError) as exc:
            logger.warning("answer not cached: %s", exc)


def repeat_as(kept: Answer, query_id: str, plan: QueryPlan | None, at: dt.datetime) -> Answer:
    """A kept answer given again as another question's: its id, its plan, the time, and the
    question first answered (`cached_from`, the original's even for a repeat of a repeat)."""
    return kept.model_copy(
        update={
            "query_id": query_id,
            "plan": plan,
            "cached_from": kept.cached_from or kept.query_id,
            "answered_at": at,
        }
    )
