"""The answer cache's key for a model answer: a hash of everything the answer depends on — the
tenant, the exact prompt (system rules with the tenant's instructions, the conversation's
earlier turns, the data as fetched, so new rows from the connector are a new key, and the
question verbatim), the tools offered, the output limit and the engines and models the chain
would try, in order. Answers that called tools are not kept: their data came from calls the
prompt does not show."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from libs.common.answer_cache import digest_of

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
    return digest_of(
        {
            "kind": "model",
            "version": CACHE_VERSION,
            "tenant": tenant_id,
            "messages": list(messages),
            "tools": list(tools or ()),
            "models": [list(pair) for pair in models],
            "max_output_tokens": max_output_tokens,
        }
    )
