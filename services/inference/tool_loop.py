"""The tool loop: while the model asks for `get_metrics`, fetch what it asked for — over NATS
from data_fetch, always for the job's own tenant — and continue the conversation, within the
context window and the configured number of rounds."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from faststream.nats.annotations import NatsBroker
from nats.errors import Error as NatsError

from libs.common.envelope import Envelope
from libs.common.fetch import CONNECTOR_REF_HEADER
from libs.common.query import AnalysisJob
from libs.common.subjects import Stage, subject
from libs.common.telemetry import trace_headers
from services.inference.chain import ChainRunner
from services.inference.failover import Outcome
from services.inference.prompt.fit import BuiltPrompt
from services.inference.runtime import Runtime
from services.inference.toolcalls import Fetch, answer_calls, conversation_after, tool_calls

_TURN_TOKENS = 50
"""Tokens a tool turn costs beyond its contents (roles, ids, separators), kept in reserve."""
_LAST_ROUND_ROOM = 200
"""Below this many spare tokens the next round must answer instead of calling tools."""


async def tool_rounds(
    runner: ChainRunner,
    outcome: Outcome,
    prompt: BuiltPrompt,
    order: Sequence[str],
    tools: list[dict[str, Any]],
    fetch: Fetch,
) -> Outcome:
    """Answer the model's get_metrics calls and continue, up to the configured rounds; the
    last round may not call tools, so the model has to answer."""
    settings = runner.runtime.settings
    counter = runner.runtime.counter
    messages = prompt.messages
    spare = settings.context_tokens - settings.max_output_tokens[runner.tier] - prompt.input_tokens
    for round_ in range(settings.max_tool_rounds):
        result = outcome.result
        if result is None or outcome.engine is None or not result.tool_calls:
            return outcome
        calls = tool_calls(result)
        contents = await answer_calls(calls, fetch, counter, spare // 2)
        messages = conversation_after(messages, result, calls, contents)
        spare -= sum(counter.count_text(text) for text in contents) + _TURN_TOKENS
        last = round_ + 1 == settings.max_tool_rounds or spare < _LAST_ROUND_ROOM
        engines = order[order.index(outcome.engine) :]
        outcome = await runner.run(messages, engines, tools, "none" if last else "auto")
    return outcome


def nats_fetcher(broker: NatsBroker, envelope: Envelope[AnalysisJob], runtime: Runtime) -> Fetch:
    """get_metrics over NATS request-reply, always for the job's tenant (never the model's)."""
    target = subject(envelope.tenant_id, Stage.FETCH_REQUEST)
    ref = envelope.body.query.connector_ref

    async def fetch(arguments: dict[str, Any]) -> dict[str, Any]:
        headers = {**trace_headers(), **({CONNECTOR_REF_HEADER: ref} if ref else {})}
        try:
            reply = await broker.request(
                json.dumps(arguments),
                target,
                timeout=runtime.settings.tool_timeout_seconds,
                correlation_id=envelope.query_id,
                headers=headers,
            )
        except (TimeoutError, NatsError):
            return {"error": {"code": "unavailable", "message": "The data is unavailable now."}}
        body: dict[str, Any] = json.loads(reply.body)
        return body

    return fetch
