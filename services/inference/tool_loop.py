"""The tool loop: while the model asks for `get_metrics`, fetch what it asked for — over NATS
from data_fetch, always for the job's own tenant — and continue the conversation, within the
context window and the configured number of rounds."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from faststream.nats.annotations import NatsBroker
from pydantic import ValidationError

from libs.common.envelope import Envelope
from libs.common.fetch import CONNECTOR_REF_HEADER, EXCLUDE_HEADER
from libs.common.query import AnalysisJob
from libs.common.rpc import FETCH, RpcError, call, first_problem
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
    made: list[dict[str, Any]] | None = None,
) -> Outcome:
    """Answer the model's get_metrics calls and continue, up to the configured rounds; the
    last round may not call tools, so the model has to answer. Each call answered is appended
    to `made` (its name and arguments: what the model fetched)."""
    settings = runner.runtime.settings
    counter = runner.runtime.counter
    messages = prompt.messages
    spare = settings.context_tokens - settings.max_output_tokens[runner.tier] - prompt.input_tokens
    for round_ in range(settings.max_tool_rounds):
        result = outcome.result
        if result is None or outcome.engine is None or not result.tool_calls:
            return outcome
        calls = tool_calls(result)
        if made is not None:
            made += [{"name": call.name, "arguments": call.arguments} for call in calls]
        contents = await answer_calls(calls, fetch, counter, spare // 2)
        messages = conversation_after(messages, result, calls, contents)
        spare -= sum(counter.count_text(text) for text in contents) + _TURN_TOKENS
        last = round_ + 1 == settings.max_tool_rounds or spare < _LAST_ROUND_ROOM
        engines = order[order.index(outcome.engine) :]
        outcome = await runner.run(messages, engines, tools, "none" if last else "auto")
    return outcome


def nats_fetcher(broker: NatsBroker, envelope: Envelope[AnalysisJob], runtime: Runtime) -> Fetch:
    """get_metrics over NATS request-reply, always for the job's tenant (never the model's):
    arguments that are not the tool's contract (a tenant_id, say) come back as the error the
    model reads, without a request."""
    query = envelope.body.query
    headers = {CONNECTOR_REF_HEADER: query.connector_ref} if query.connector_ref else {}
    if query.context and query.context.exclude_campaigns:
        headers[EXCLUDE_HEADER] = json.dumps(query.context.exclude_campaigns)

    async def fetch(arguments: dict[str, Any]) -> dict[str, Any]:
        try:
            request = FETCH.request.model_validate(arguments)
        except ValidationError as exc:
            return _error(FETCH.invalid_code, first_problem(exc))
        try:
            reply = await call(
                broker,
                FETCH,
                envelope.tenant_id,
                request,
                timeout_seconds=runtime.settings.tool_timeout_seconds,
                correlation_id=envelope.query_id,
                headers=headers,
            )
        except RpcError as exc:
            if exc.replied:
                return _error(exc.code, exc.message)
            return _error("unavailable", "The data is unavailable now.")
        return reply.model_dump(mode="json")

    return fetch


def _error(code: str, message: str) -> dict[str, Any]:
    return {"error": {"code": code, "message": message}}
