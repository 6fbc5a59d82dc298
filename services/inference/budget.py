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
from services.inference.request_tokens import RequestTokens

logger = logging.getLogger(__name__)

# A call may overrun its time limit by the time it takes to notice: hold a little more.
_SLACK_SECONDS = 1.0


def call_seconds(request: ChatRequest) -> float:
    """The longest the call can run: its time limit and the moment it takes to notice."""
    return min(request.timeout_seconds + _SLACK_SECONDS, 3600)


class BudgetGate:
    """Holds each call's ceiling for one question; refuses the call when it does not fit."""

    def __init__(
        self,
        broker: NatsBroker,
        tenant_id: str,
        query_id: str,
        policy: BudgetPolicy,
        sizes: RequestTokens,
        timeout_seconds: float,
    ) -> None:
        self._broker = broker
        self._tenant_id = tenant_id
        self._query_id = query_id
        self.policy = policy
        self._sizes = sizes
        self._timeout = timeout_seconds
        self.last: HoldReply | None = None

    async def __call__(self, engine: str, request: ChatRequest) -> str | None:
        """The hold id for this call; None when spend is unverifiable and the tenant fails
        open. Raises CallRefusedError when the budget (or its verification) refuses it."""
        hold = HoldRequest(
            query_id=self._query_id,
            engine=engine,
            model=request.model,
            input_tokens=self._sizes(request),
            max_output_tokens=request.max_tokens,
            max_seconds=call_seconds(request),
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
