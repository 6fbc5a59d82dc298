"""Direct answers kept for a repeat (the shared answer cache, `libs/common/answer_cache.py`).

A direct answer is a pure function of its plan and the rows, so the key is the tenant, the plan
(everything but the words that explain how it was read), the accounts in scope and the campaigns
left out: another phrasing of the same question finds it. No connector tells us when its rows
change, so freshness goes by the period: one that reaches today — or yesterday, which a tenant
west of UTC is still living — moves as the day goes on and is kept `direct_cache_open_seconds`;
a closed one is kept as long as the bucket keeps answers (a day: platforms restate recent days).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from libs.common.answer_cache import AnswerCache, digest_of
from libs.common.plan import QueryPlan
from libs.common.rows import AccountRef

CACHE_VERSION = 1
EXPLANATIONS = {"rationale", "route_reason", "carried_from"}
"""Plan fields that say how a question was read, not what it asks."""


def direct_digest(
    tenant_id: str, plan: QueryPlan, accounts: Sequence[AccountRef], excluded: Sequence[str]
) -> str:
    """The key a repeat of this direct question shares (any phrasing of the same plan)."""
    return digest_of(
        {
            "kind": "direct",
            "version": CACHE_VERSION,
            "tenant": tenant_id,
            "plan": plan.model_dump(mode="json", exclude=EXPLANATIONS),
            "accounts": sorted(a.account_id for a in accounts),
            "excluded": sorted(excluded),
        }
    )


def lifetime(plan: QueryPlan, today: dt.date, open_seconds: float) -> float | None:
    """Seconds to keep the answer: `open_seconds` when a period still moves, else None (as
    long as the bucket keeps it)."""
    ends = [plan.date_range.end, *([plan.compare_to.end] if plan.compare_to else [])]
    return open_seconds if max(ends) >= today - dt.timedelta(days=1) else None


@dataclass
class DirectCache:
    """The bucket (opened once the broker connects) and how long an open period is kept."""

    open_seconds: float
    cache: AnswerCache = field(default_factory=lambda: AnswerCache(None))
