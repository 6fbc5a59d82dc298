"""The engine chain: each engine in order, behind its breaker, with retries, backoff,
Retry-After and the tier's time limit; vLLM is skipped when its queue is long. Every attempt
is reported (for the audit ledger) the moment it ends."""

from __future__ import annotations

import asyncio
import dataclasses
import datetime as dt
import random
import time
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import httpx
from opentelemetry.trace import SpanKind

from libs.common.clock import Clock as WallClock
from libs.common.ids import new_call_id
from libs.common.model_call import ChainStep
from libs.common.telemetry import span
from services.inference.breaker import CircuitBreaker
from services.inference.engines.base import ChatRequest, ChatResult, EngineError, ModelEngine
from services.inference.streaming import StreamBrokenError, Streaming


@dataclass(frozen=True)
class Attempt:
    """One engine call as it happened (`call_id` is the one its announcement carried)."""

    call_id: str
    engine: str
    model: str
    started_at: dt.datetime
    finished_at: dt.datetime
    input_tokens: int
    output_tokens: int
    error_code: str | None
    running_beside: int = 1
    hold_id: str | None = None


@dataclass
class Outcome:
    """What the chain produced: the result and its engine, or None when every engine failed."""

    result: ChatResult | None = None
    engine: str | None = None
    steps: list[ChainStep] = field(default_factory=list)


@dataclass(frozen=True)
class Slot:
    """An engine with its breaker and its tier → model map."""

    engine: ModelEngine
    breaker: CircuitBreaker
    models: dict[Any, str]


@dataclass(frozen=True)
class Policy:
    """Retry and spill-over knobs (from settings)."""

    attempts: int
    backoff_base: float
    max_waiting: int


EngineCall = Callable[[ModelEngine, ChatRequest], Awaitable[ChatResult]]
"""One attempt at an engine: a plain completion by default, `Streaming` when the client streams."""
OnAttempt = Callable[[Attempt, list[ChainStep]], Awaitable[None]]
"""Called with each attempt and the chain's steps before it."""


@dataclass(frozen=True)
class Start:
    """A call about to be made: announced (and recorded) before the request leaves."""

    call_id: str
    engine: str
    model: str
    started_at: dt.datetime
    request: ChatRequest
    hold_id: str | None


OnStart = Callable[[Start, list[ChainStep]], Awaitable[None]]
"""Called before each call, once its budget is held; the call is made only once it returns,
so no call can be made that the ledger never heard of."""


Gate = Callable[[str, ChatRequest], Awaitable[str | None]]
"""Called before each call with the engine and request: a budget hold id (or None), or
CallRefusedError when the call may not be made."""


class CallRefusedError(Exception):
    """A gate refused a call before it was made (e.g. the budget): the engine is skipped."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


async def _chat(engine: ModelEngine, request: ChatRequest) -> ChatResult:
    return await engine.chat(request)


class Failover:
    """Runs a request down the chain of model engines."""

    def __init__(
        self,
        slots: dict[str, Slot],
        policy: Policy,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        complete_usage: Callable[[ChatRequest, ChatResult], ChatResult] = lambda _, r: r,
        wall: WallClock | None = None,
        on_queue: Callable[[str, float, float], None] | None = None,
    ) -> None:
        self._slots = slots
        self._on_queue = on_queue
        self._wall = wall or WallClock()
        self._policy = policy
        self._complete_usage = complete_usage
        self._clock = clock
        self._sleep = sleep

    def breakers(self) -> dict[str, CircuitBreaker]:
        """Each model engine's breaker (for the state gauge)."""
        return {name: slot.breaker for name, slot in self._slots.items()}

    def models(
        self, order: Sequence[str], tier: Any, overrides: Mapping[str, str]
    ) -> list[tuple[str, str]]:
        """(engine, model) the chain would try for `order`, in order (as `run` picks them)."""
        return [
            (name, overrides.get(name) or slot.models[tier])
            for name in order
            if (slot := self._slots.get(name)) is not None
        ]

    def available(self) -> list[str]:
        """Model engines whose breaker would take a call now."""
        now = self._clock()
        return [name for name, slot in self._slots.items() if slot.breaker.available(now)]

    async def run(
        self,
        order: Sequence[str],
        tier: Any,
        make_request: Callable[[str, float], ChatRequest],
        time_limit_seconds: float,
        on_attempt: OnAttempt,
        call: EngineCall = _chat,
        models: Mapping[str, str] | None = None,
        gate: Gate | None = None,
        on_start: OnStart | None = None,
    ) -> Outcome:
        """Try each engine of `order` (model engines only) until one answers.

        `call` makes one attempt (default: a plain completion; `Streaming(...)` streams);
        `models` (engine → model) overrides the tier's configured model, per question; `gate`
        is asked before every attempt (a refused engine is skipped, the next one tried);
        `on_start` hears of every attempt before it is made.
        """
        outcome = Outcome()
        deadline = self._clock() + time_limit_seconds
        for name in order:
            slot = self._slots.get(name)
            if slot is None:
                continue
            skip, running = await self._skip_reason(name, slot)
            if skip is not None:
                outcome.steps.append(ChainStep(engine=name, outcome="skipped", reason=skip))
                continue
            model = (models or {}).get(name) or slot.models[tier]
            steps = outcome.steps

            async def report(attempt: Attempt, steps: list[ChainStep] = steps) -> None:
                await on_attempt(attempt, list(steps))

            async def announce(start: Start, steps: list[ChainStep] = steps) -> None:
                if on_start is not None:
                    await on_start(start, list(steps))

            hooks = _Hooks(gate, announce, report)
            try:
                result, reason = await self._try(
                    name, slot, model, make_request, deadline, hooks, running + 1, call
                )
            except CallRefusedError as refused:
                outcome.steps.append(
                    ChainStep(engine=name, outcome="skipped", reason=refused.reason)
                )
                continue
            if result is not None:
                outcome.result, outcome.engine = result, name
                outcome.steps.append(ChainStep(engine=name, outcome="used"))
                return outcome
            outcome.steps.append(ChainStep(engine=name, outcome="failed", reason=reason))
        return outcome

    async def _skip_reason(self, name: str, slot: Slot) -> tuple[str | None, int]:
        """Why to skip the engine now (or None), and how many requests it is running."""
        if not slot.breaker.available(self._clock()):
            return "circuit open", 0
        queue = getattr(slot.engine, "queue", None)
        if queue is None:
            return None, 0
        try:
            waiting, running = await queue()
        except (httpx.HTTPError, ValueError):
            return None, 0  # an unreadable queue must not stop the chain: the call will tell
        if self._on_queue is not None:
            self._on_queue(name, waiting, running)
        if waiting > self._policy.max_waiting:
            return f"queue long ({waiting:.0f} waiting)", int(running)
        return None, int(running)

    async def _try(
        self,
        name: str,
        slot: Slot,
        model: str,
        make_request: Callable[[str, float], ChatRequest],
        deadline: float,
        hooks: _Hooks,
        beside: int,
        call: EngineCall,
    ) -> tuple[ChatResult | None, str]:
        reason = "no attempt"
        for attempt in range(self._policy.attempts):
            remaining = deadline - self._clock()
            if remaining <= 0:
                return None, "tier time limit reached"
            if not slot.breaker.allow(self._clock()):
                return None, "circuit open"
            call_id = new_call_id()
            request = dataclasses.replace(make_request(model, remaining), call_id=call_id)
            hold = None if hooks.gate is None else await hooks.gate(name, request)
            started = self._wall.now()
            await hooks.on_start(Start(call_id, name, model, started, request, hold))
            on_attempt = hooks.on_attempt
            try:
                with span(
                    "engine.call",
                    request.tenant_id,
                    kind=SpanKind.CLIENT,
                    attributes={"aya.engine": name, "aya.model": model, "aya.attempt": attempt + 1},
                ):
                    async with asyncio.timeout(remaining):
                        result = self._complete_usage(request, await call(slot.engine, request))
            except StreamBrokenError as broken:
                slot.breaker.failure(self._clock())
                await on_attempt(
                    _failed(call_id, name, model, (started, self._wall.now()), broken.cause, hold)
                )
                raise
            except (EngineError, TimeoutError) as exc:
                error = exc if isinstance(exc, EngineError) else _timeout()
                if _engine_at_fault(error):
                    slot.breaker.failure(self._clock())
                when = (started, self._wall.now())
                await on_attempt(_failed(call_id, name, model, when, error, hold))
                if isinstance(call, Streaming) and call.sent:
                    raise StreamBrokenError(error) from exc
                reason = error.code
                delay = self._delay(attempt, error)
                if not error.transient or delay is None or self._clock() + delay >= deadline:
                    return None, reason
                await self._sleep(delay)
                continue
            slot.breaker.success()
            when = (started, self._wall.now())
            await on_attempt(_succeeded(call_id, name, when, result, beside, hold))
            return result, ""
        return None, reason

    def _delay(self, attempt: int, error: EngineError) -> float | None:
        if attempt + 1 >= self._policy.attempts:
            return None
        if error.retry_after is not None:
            return error.retry_after
        ceiling = self._policy.backoff_base * 2**attempt
        return random.uniform(0, ceiling)


def _engine_at_fault(error: EngineError) -> bool:
    # A request the engine rightly refused (400, 422: our bug) says nothing about its health;
    # failing transiently or refusing our credentials does.
    return error.transient or error.status in (401, 403)


def _timeout() -> EngineError:
    return EngineError("the call ran past the tier's time limit", code="timeout", transient=True)


Span = tuple[dt.datetime, dt.datetime]
"""When an attempt started and finished, by the wall clock."""


@dataclass(frozen=True)
class _Hooks:
    """What `_try` calls around each attempt: the gate, the announcement, the report."""

    gate: Gate | None
    on_start: Callable[[Start], Awaitable[None]]
    on_attempt: Callable[[Attempt], Awaitable[None]]


def _failed(
    call_id: str, name: str, model: str, when: Span, error: EngineError, hold: str | None
) -> Attempt:
    return Attempt(
        call_id=call_id,
        engine=name,
        model=model,
        started_at=when[0],
        finished_at=when[1],
        input_tokens=error.input_tokens,
        output_tokens=error.output_tokens,
        error_code=error.code,
        hold_id=hold,
    )


def _succeeded(
    call_id: str, name: str, when: Span, result: ChatResult, beside: int, hold: str | None
) -> Attempt:
    return Attempt(
        call_id=call_id,
        engine=name,
        model=result.model,
        started_at=when[0],
        finished_at=when[1],
        input_tokens=result.input_tokens,
        output_tokens=result.output_tokens,
        error_code=None,
        running_beside=max(beside, result.running_beside, 1),
        hold_id=hold,
    )
