"""May this request pass its tenant's limits? One answer for every door (REST, NATS).

Transport-free: each check takes the gateway's state and the caller's principal, and raises
`ApiError` (429 with `Retry-After`) when a limit says no. The REST dependencies and the NATS
ingress call the same functions, so a question costs the same whichever door it came in by.
"""

from __future__ import annotations

import logging

from nats.errors import Error as NatsError

from libs.common.vocab import Role, at_least
from services.gateway.errors import ApiError
from services.gateway.ratelimit import Decision, seconds_to_utc_midnight
from services.gateway.repo.principals import Principal
from services.gateway.state import GatewayState

logger = logging.getLogger(__name__)


async def count_request(state: GatewayState, principal: Principal) -> Decision | None:
    """Count one request against the tenant's requests per minute (None: not counted, the
    limiter is unreachable). Pass the decision to `refuse_if_over`."""
    try:
        decision = await state.limits.requests.hit(
            principal.tenant_id, principal.requests_per_minute
        )
    except (TimeoutError, NatsError):
        # Fail open: without NATS no question can be asked anyway, and reads from PostgreSQL
        # should not go down with the limiter. No headers then — there is nothing true to say.
        logger.warning("rate limiter unreachable; request of %s not counted", principal.tenant_id)
        return None
    if not decision.allowed:
        state.metrics.refusals.labels(principal.tenant_id, "rate_limited").inc()
    return decision


def refuse_if_over(decision: Decision | None) -> None:
    """429 when the tenant's minute is full."""
    if decision is not None and not decision.allowed:
        raise ApiError(
            429,
            f"Too many requests: this tenant may send {decision.limit} per minute; "
            f"retry in {decision.reset_seconds} s.",
            headers={"Retry-After": str(decision.reset_seconds)},
        )


def require(principal: Principal, minimum: Role) -> None:
    """403 unless the caller's role is at least `minimum`."""
    if not at_least(principal.role, minimum):
        raise ApiError(
            403, f"This needs an {minimum} key or higher; this key's role is {principal.role}."
        )


async def within_tokens(state: GatewayState, principal: Principal) -> None:
    """429 `token_limit` once the tenant's model tokens for today (UTC) are used up.

    Which route a question takes (and whether it costs tokens) is known only after routing, so
    the rule is: no new questions once the day's tokens reach the limit. Fails open when the
    ledger cannot be asked.
    """
    limit = principal.tokens_per_day
    used = 0 if limit == 0 else await state.limits.tokens.used_today(principal.tenant_id)
    if used is None or used < limit:
        return
    retry = seconds_to_utc_midnight(state.settings.clock.now())
    state.metrics.refusals.labels(principal.tenant_id, "token_limit").inc()
    raise ApiError(
        429,
        f"This tenant has used its {limit} model tokens for today (UTC); "
        f"new questions are accepted again in {retry} s.",
        code="token_limit",
        headers={"Retry-After": str(retry)},
    )


async def admit_question(state: GatewayState, principal: Principal) -> Decision | None:
    """Everything a new question must pass, in the order a client can act on: the tenant is
    active, the role may ask, the minute has room, today's tokens are not used up."""
    if not principal.tenant_active:
        raise ApiError(403, "This tenant is suspended.")
    require(principal, Role.ANALYST)
    decision = await count_request(state, principal)
    refuse_if_over(decision)
    await within_tokens(state, principal)
    return decision
