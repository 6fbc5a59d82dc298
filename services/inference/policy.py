"""What a tenant's policy allows one analysis question: which model engines, in which order
(or why none), and the budget gate its calls must pass (when the tenant has a budget)."""

from __future__ import annotations

from faststream.nats.annotations import NatsBroker

from libs.common.envelope import Envelope
from libs.common.query import AnalysisJob, TenantPolicy
from libs.common.vocab import Degraded, Engine, Tier
from services.inference.budget import BudgetGate
from services.inference.request_tokens import RequestTokens
from services.inference.runtime import Runtime


def engines_for(
    policy: TenantPolicy, configured: list[Engine], tier: Tier
) -> tuple[list[Engine], Degraded | None]:
    """The model engines this tenant's question may use, in order, or why none may."""
    if tier not in policy.allowed_tiers:
        return [], Degraded.TIER_NOT_ALLOWED
    if policy.engine_chain is None:
        return list(configured), None
    return [name for name in policy.engine_chain if name in configured], None


def budget_gate(
    broker: NatsBroker, envelope: Envelope[AnalysisJob], runtime: Runtime, sizes: RequestTokens
) -> BudgetGate | None:
    """The tenant's budget gate; None when the tenant has no budget (nothing to hold)."""
    policy = envelope.body.query.policy.budget
    if policy is None:
        return None
    return BudgetGate(
        broker,
        envelope.tenant_id,
        envelope.query_id,
        policy,
        sizes,
        runtime.settings.budget_timeout_seconds,
    )
