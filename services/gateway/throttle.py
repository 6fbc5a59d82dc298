"""HTTP side of the per-tenant limits: 429 responses, and `X-RateLimit-*` on every response of
an authenticated request (success or error)."""

from __future__ import annotations

import logging

from fastapi import Request
from nats.errors import Error as NatsError
from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from services.gateway.errors import ApiError
from services.gateway.ratelimit import Decision, seconds_to_utc_midnight
from services.gateway.state import GatewayState
from services.gateway.store import Principal

logger = logging.getLogger(__name__)

# Where the request's decision waits for the response (request.state is scope["state"]).
_DECISION = "ratelimit"


async def admit_request(request: Request, principal: Principal) -> None:
    """Count the request against its tenant's requests per minute; 429 when the minute is full.

    Counted once per request, however many dependencies authenticate it.
    """
    if getattr(request.state, _DECISION, None) is not None:
        return
    state: GatewayState = request.app.state.gateway
    try:
        decision = await state.limits.requests.hit(
            principal.tenant_id, principal.requests_per_minute
        )
    except (TimeoutError, NatsError):
        # Fail open: without NATS no question can be asked anyway, and reads from PostgreSQL
        # should not go down with the limiter. No headers then — there is nothing true to say.
        logger.warning("rate limiter unreachable; request of %s not counted", principal.tenant_id)
        return
    setattr(request.state, _DECISION, decision)
    if not decision.allowed:
        raise ApiError(
            429,
            f"Too many requests: this tenant may send {decision.limit} per minute; "
            f"retry in {decision.reset_seconds} s.",
            headers={"Retry-After": str(decision.reset_seconds)},
        )


async def require_token_budget(request: Request, principal: Principal) -> None:
    """429 `token_limit` when the tenant's model tokens for today (UTC) are used up.

    Which route a question takes (and whether it costs tokens) is known only after routing, so
    the rule is: no new questions once the day's tokens reach the limit. Fails open when the
    ledger cannot be asked.
    """
    limit = principal.tokens_per_day
    state: GatewayState = request.app.state.gateway
    used = 0 if limit == 0 else await state.limits.tokens.used_today(principal.tenant_id)
    if used is None or used < limit:
        return
    retry = seconds_to_utc_midnight(state.settings.clock.now())
    raise ApiError(
        429,
        f"This tenant has used its {limit} model tokens for today (UTC); "
        f"new questions are accepted again in {retry} s.",
        code="token_limit",
        headers={"Retry-After": str(retry)},
    )


class RateLimitHeaders:
    """ASGI middleware: adds the request's `X-RateLimit-*` headers to whatever response leaves,
    including error responses made by exception handlers after the limit was counted."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                decision = scope.get("state", {}).get(_DECISION)
                if isinstance(decision, Decision):
                    headers = MutableHeaders(scope=message)
                    for name, value in decision.headers().items():
                        headers[name] = value
            await send(message)

        await self.app(scope, receive, send_with_headers)
