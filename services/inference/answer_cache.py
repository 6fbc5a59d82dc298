"""Model answers kept for a repeat: the same tenant sending the same request to the same models
gets the answer again with no model call (DESIGN: cheap model calls).

The key is a hash of everything the model's answer depends on: the tenant, the exact prompt
(system rules with the tenant's instructions, the conversation's earlier turns, the data as
fetched — so a change in the connector's rows is a new key — and the question verbatim), the
tools offered, the tier's output limit and the engines and models the chain would try, in order.
Entries live in the NATS KV bucket `answer_cache` under `<tenant>.<hash>` (shared by every
replica, purged with the tenant) for `AYA_ANSWER_CACHE_SECONDS`. Answers that called tools are
not kept: their data came from calls the prompt does not show.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Mapping, Sequence
from typing import Any

from nats.errors import Error as NatsError
from nats.js.errors import KeyNotFoundError
from nats.js.kv import KeyValue
from pydantic import ValidationError

from libs.common.answer import Answer
from libs.common.subjects import cache_key

logger = logging.getLogger(__name__)

CACHE_VERSION = 1
"""Part of every key: a change to what an entry holds starts a fresh cache."""


def request_digest(
    tenant_id: str,
    messages: Sequence[Mapping[str, Any]],
    tools: Sequence[Mapping[str, Any]] | None,
    models: Sequence[tuple[str, str]],
    max_output_tokens: int,
) -> str:
    """The hash a repeat of this model request shares, and no other request does."""
    payload = {
        "version": CACHE_VERSION,
        "tenant": tenant_id,
        "messages": list(messages),
        "tools": list(tools or ()),
        "models": [list(pair) for pair in models],
        "max_output_tokens": max_output_tokens,
    }
    canonical = json.dumps(payload, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(canonical.encode()).hexdigest()


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
            answer = Answer.model_validate_json(entry.value or b"")
        except ValidationError:
            return None  # an entry of another version: a miss, overwritten by the next answer
        return answer if answer.tenant_id == tenant_id else None

    async def put(self, tenant_id: str, digest: str, answer: Answer) -> None:
        if self._kv is None:
            return
        try:
            await self._kv.put(cache_key(tenant_id, digest), answer.model_dump_json().encode())
        except (NatsError, TimeoutError) as exc:
            logger.warning("answer not cached: %s", exc)
