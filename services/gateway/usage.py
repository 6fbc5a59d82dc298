"""`GET /v1/usage`: the caller's model usage and cost, served by the audit service over NATS."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Query
from pydantic import ValidationError

from libs.common.budget import BudgetPolicy
from libs.common.presentation import to_json_number, usd
from libs.common.rpc import BUDGET_STATUS, USAGE, NoArguments
from libs.common.usage import UsageGroup, UsageRequest
from services.gateway.deps import Caller, StateDep
from services.gateway.errors import ApiError
from services.gateway.ledger_client import ask_ledger
from services.gateway.schemas import error_responses
from services.gateway.state import GatewayState

router = APIRouter(prefix="/v1")


@router.get("/usage", responses=error_responses(401, 403, 422, 429, 503))
async def get_usage(
    state: StateDep,
    caller: Caller,
    start: Annotated[dt.date | None, Query(alias="from", description="First day (UTC).")] = None,
    end: Annotated[dt.date | None, Query(alias="to", description="Last day (UTC).")] = None,
    group_by: Annotated[
        UsageGroup | None,
        Query(description="model, engine, day, principal or prompt_version."),
    ] = None,
) -> dict[str, Any]:
    """Calls, answers, tokens and cost of the caller's tenant (defaults: month to date), and
    where its monthly budget stands (null when it has none)."""
    report = await tenant_usage(state, caller.tenant_id, usage_request(state, start, end, group_by))
    report["budget"] = await budget_standing(state, caller.tenant_id, caller.policy.budget)
    return report


async def budget_standing(
    state: GatewayState, tenant_id: str, budget: BudgetPolicy | None
) -> dict[str, Any] | None:
    """This UTC month's spend, holds in flight and what is left of the tenant's budget."""
    if budget is None:
        return None
    status = await ask_ledger(state, BUDGET_STATUS, tenant_id, NoArguments(), "Please retry.")
    limit = budget.monthly_usd_micros
    left = max(limit - status.spent_usd_micros - status.held_usd_micros, 0)
    return {
        "monthly_usd": to_json_number(usd(limit)),
        "spent_usd": to_json_number(usd(status.spent_usd_micros)),
        "held_usd": to_json_number(usd(status.held_usd_micros)),
        "remaining_usd": to_json_number(usd(left)),
        "alert_ratio": budget.alert_ratio,
        "alert_reached": status.spent_usd_micros >= limit * budget.alert_ratio,
        "on_exhausted": budget.on_exhausted,
        "fail_open": budget.fail_open,
    }


def usage_request(
    state: GatewayState, start: dt.date | None, end: dt.date | None, group_by: UsageGroup | None
) -> UsageRequest:
    """The request for [start, end] (default: month to date, UTC); 422 on a bad range."""
    today = state.settings.clock.today()
    try:
        return UsageRequest(
            start=start or today.replace(day=1), end=end or today, group_by=group_by
        )
    except ValidationError as exc:
        raise ApiError(422, str(exc.errors()[0]["msg"]).removeprefix("Value error, ")) from exc


async def tenant_usage(state: GatewayState, tenant_id: str, ask: UsageRequest) -> dict[str, Any]:
    """One tenant's usage from the audit service (authorisation is the caller's job)."""
    report = await ask_ledger(
        state, USAGE, tenant_id, ask, "Usage is unavailable right now; please retry."
    )
    return report.model_dump(mode="json", by_alias=True)
