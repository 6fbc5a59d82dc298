"""Billed amounts with an agency's markup, against hand-computed cases."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from services.gateway.admin_schemas import TenantView
from services.gateway.economics import billed, client_line, report_totals


def _client(markup_percent: Decimal) -> TenantView:
    return TenantView(
        id="cl-1", parent_id="ag-1", kind="client", name="Client", status="active",
        timezone="UTC", currency="USD", logo_url=None, primary_color=None,
        requests_per_minute=120, tokens_per_day=2_000_000, max_concurrent_analyses=4,
        monthly_budget_usd=None, budget_alert_ratio=Decimal("0.8"), budget_policy="degrade",
        budget_fail_open=False, markup_percent=markup_percent, allowed_tiers=[],
        model_overrides={}, engine_chain=None, query_retention_days=None,
        lemanado_credential_set=False, created_at=dt.datetime(2025, 6, 1, tzinfo=dt.UTC),
    )  # fmt: skip


def test_markup_is_applied_to_the_cost() -> None:
    assert billed(Decimal("12.500000"), Decimal(20)) == Decimal("15.000000")


def test_billed_amount_rounds_half_even_to_the_micro_dollar() -> None:
    # 0.000005 x 1.5 = 0.0000075 -> 0.000008 (8 is even); 0.000003 x 1.5 = 0.0000045 -> 0.000004
    assert billed(Decimal("0.000005"), Decimal(50)) == Decimal("0.000008")
    assert billed(Decimal("0.000003"), Decimal(50)) == Decimal("0.000004")


def test_agency_report_shows_cost_and_billed_side_by_side_and_sums_them() -> None:
    usage = {"totals": {"calls": 3, "answers": 2, "input_tokens": 10, "output_tokens": 5,
                        "cost_usd": 0.061111}}  # fmt: skip
    line = client_line(_client(Decimal(25)), usage)
    assert (line.cost_usd, line.billed_usd) == (Decimal("0.061111"), Decimal("0.076389"))
    totals = report_totals([line, line]).model_dump(mode="json")
    assert (totals["calls"], totals["cost_usd"], totals["billed_usd"]) == (6, 0.122222, 0.152778)
