"""Billed amounts with an agency's markup, against hand-computed cases."""

from __future__ import annotations

from decimal import Decimal

from services.gateway.economics import billed, client_line, report_totals


def test_markup_is_applied_to_the_cost() -> None:
    assert billed(Decimal("12.500000"), Decimal(20)) == Decimal("15.000000")


def test_billed_amount_rounds_half_even_to_the_micro_dollar() -> None:
    # 0.000005 x 1.5 = 0.0000075 -> 0.000008 (8 is even); 0.000003 x 1.5 = 0.0000045 -> 0.000004
    assert billed(Decimal("0.000005"), Decimal(50)) == Decimal("0.000008")
    assert billed(Decimal("0.000003"), Decimal(50)) == Decimal("0.000004")


def test_agency_report_shows_cost_and_billed_side_by_side_and_sums_them() -> None:
    usage = {"totals": {"calls": 3, "answers": 2, "input_tokens": 10, "output_tokens": 5,
                        "cost_usd": 0.061111}}  # fmt: skip
    line = client_line({"id": "cl-1", "name": "Client", "markup_percent": 25}, usage)
    assert (line["cost_usd"], line["billed_usd"]) == (0.061111, 0.076389)
    totals = report_totals([line, line])
    assert (totals["calls"], totals["cost_usd"], totals["billed_usd"]) == (6, 0.122222, 0.152778)
