"""Agency economics: what a client's usage cost and what the agency bills for it."""

from __future__ import annotations

from decimal import ROUND_HALF_EVEN, Decimal
from typing import Any

from libs.common.presentation import MICRO
from services.gateway.admin_schemas import ClientLine, ReportTotals, TenantView


def billed(cost_usd: Decimal, markup_percent: Decimal) -> Decimal:
    """Cost with the agency's markup, to the micro-dollar, rounded half-even."""
    return (cost_usd * (100 + markup_percent) / 100).quantize(MICRO, rounding=ROUND_HALF_EVEN)


def client_line(tenant: TenantView, usage: dict[str, Any]) -> ClientLine:
    """One client's row of the agency report: its usage, its cost and its billed amount.

    `usage` is the audit service's report, whose cost is a JSON number: read by its digits.
    """
    totals = usage["totals"]
    cost = Decimal(str(totals["cost_usd"]))
    return ClientLine(
        tenant_id=tenant.id,
        name=tenant.name,
        markup_percent=tenant.markup_percent,
        calls=totals["calls"],
        answers=totals["answers"],
        input_tokens=totals["input_tokens"],
        output_tokens=totals["output_tokens"],
        cost_usd=cost,
        billed_usd=billed(cost, tenant.markup_percent),
    )


def report_totals(lines: list[ClientLine]) -> ReportTotals:
    """Sums over the clients (money summed as Decimal, not floats)."""
    return ReportTotals(
        calls=sum(line.calls for line in lines),
        cost_usd=sum((line.cost_usd for line in lines), Decimal(0)),
        billed_usd=sum((line.billed_usd for line in lines), Decimal(0)),
    )
