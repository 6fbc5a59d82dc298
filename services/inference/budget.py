"""The budget gate: before each model call, hold its cost ceiling with the ledger (the audit
service, over NATS request-reply); the call's audit event settles the hold."""

from __future__ import annotations

import logging

from faststream.nats.annotations import NatsBroker

from libs.common.budget import BudgetPolicy, HoldReply, HoldRequest
from libs.common.presentation import format_money, usd
from libs.common.rpc import BUDGET_HOLD, RpcError, call
from libs.common.vocab import Degraded
from services.inference.engines.base import ChatRequest
from services.inference.failover import CallRefusedError
from services.inference.tokens import TokenCounter

logger = logging.getLogger(__name__)

# A call may overrun its time limit by the time it takes to notice: hold a little more.
_SLACK_SECONDS = 1.0


class BudgetGate:
    """Holds each call's ceiling for one question; refuses the call when it does not fit."""

    def __init__(
        self,
        broker: NatsBroker,
        tenant_id: str,
        query_id: str,
        policy: BudgetPolicy,
        counter: TokenCounter,
        timeout_seconds: float,
    ) -> None:
        self._broker = broker
        self._tenant_id = tenant_id
        self._query_id = query_id
        self.policy = policy
        self._counter = counter
        self._timeout = timeout_seconds
        self.last: HoldReply | None = None
        # Retries and fall-overs send the very same messages: count them once.
        self._counted: tuple[object, object, int] | None = None

    def _input_tokens(self, request: ChatRequest) -> int:
        counted = self._counted
        if counted is not None and counted[0] is request.messages and counted[1] is request.tools:
            return counted[2]
        tokens = self._counter.count_messages(request.messages, request.tools or ())
        self._counted = (request.messages, request.tools, tokens)
        return tokens

    async def __call__(self, engine: str, request: ChatRequest) -> str | None:
        """The hold id for this call; None when spend is unverifiable and the tenant fails
        open. Raises CallRefusedError when the budget (or its verification) refuses it."""
        hold = HoldRequest(
            query_id=self._query_id,
            engine=engine,
            model=request.model,
            input_tokens=self._input_tokens(request),
            max_output_tokens=request.max_tokens,
            max_seconds=min(request.timeout_seconds + _SLACK_SECONDS, 3600),
            budget=self.policy,
        )
        reply = await self._ask(hold)
        self.last = reply
        if reply is not None:
            if not reply.granted:
                raise CallRefusedError(Degraded.BUDGET_EXHAUSTED)
            return reply.hold_id
        if self.policy.fail_open:
            logger.warning("budget unverifiable; calling anyway (the tenant fails open)")
            return None
        raise CallRefusedError(Degraded.BUDGET_UNVERIFIED)

    async def _ask(self, hold: HoldRequest) -> HoldReply | None:
        try:
            return await call(
                self._broker,
                BUDGET_HOLD,
                self._tenant_id,
                hold,
                timeout_seconds=self._timeout,
                correlation_id=self._query_id,
            )
        except RpcError as exc:
            logger.warning("budget hold failed: %s", exc)
            return None

    def refusal_message(self, reason: str) -> str:
        """What a tenant whose policy refuses is told."""
        if reason == Degraded.BUDGET_UNVERIFIED:
            return (
                "This month's model spend cannot be verified right now, so analysis questions "
                "are paused; direct questions about your numbers still work. Please retry."
            )
        reply = self.last
        figures = ""
        if reply is not None:
            spent = format_money(usd(reply.spent_usd_micros), "USD")
            figures = f" (spent {spent} of {format_money(usd(reply.budget_usd_micros), 'USD')})"
        return (
            f"This month's model budget is used up{figures}. Analysis questions resume when an "
            "administrator raises the budget or the month turns; direct questions about your "
            "numbers still work."
        )
