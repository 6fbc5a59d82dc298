"""Agency economics: what a client's usage cost and what the agency bills for it."""

from __future__ import annotations

from decimal import ROUND_HALF_EVEN, Decimal
from typing import Any

from libs.common.presentation import MICRO, to_json_number


def billed(cost_usd: Decimal, markup_percent: Decimal) -> Decimal:
    """Cost with the agency's markup, to the micro-dollar, rounded half-even."""
    return (cost_usd * (100 + markup_percent) / 100).quantize(MICRO, rounding=ROUND_HALF_EVEN)


def client_line(tenant: dict[str, Any], usage: dict[str, Any]) -> dict[str, Any]:
    """One client's row of the agency report: its usage, its cost and its billed amount."""
    totals = usage["totals"]
    cost = Decimal(str(totals["cost_usd"]))
    markup = Decimal(str(tenant["markup_percent"]))
    return {
        "tenant_id": tenant["id"],
        "name": tenant["name"],
        "markup_percent": to_json_number(markup),
        "calls": totals["calls"],
        "answers": totals["answers"],
        "input_tokens": totals["input_tokens"],
        "output_tokens": totals["output_tokens"],
        "cost_usd": to_json_number(cost),
        "billed_usd": to_json_number(billed(cost, markup)),
    }


def report_totals(lines: list[dict[str, Any]]) -> dict[str, Any]:
    """Sums over the clients (money summed as Decimal, not floats)."""
    cost = sum((Decimal(str(line["cost_usd"])) for line in lines), Decimal(0))
    bill = sum((Decimal(str(line["billed_usd"])) for line in lines), Decimal(0))
    return {
        "calls": sum(line["calls"] for line in lines),
        "cost_usd": to_json_number(cost),
        "billed_usd": to_json_number(bill),
    }
