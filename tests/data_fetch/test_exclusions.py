"""Campaigns a tenant leaves out: dropped by name before anything is summed, said in a note."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from df_support import GOOGLE, META, make_fetched, make_plan, make_row

from libs.common import MetricRow
from services.data_fetch.direct import compute
from services.data_fetch.exclusions import leave_out, note, with_campaigns

DAY = date(2026, 11, 10)


def _rows() -> list[MetricRow]:
    return [
        make_row(META, day=DAY, campaign="Employee Giveaway", spend=300),
        make_row(META, day=DAY, campaign="Employee Giveaway 2", spend=40),
        make_row(GOOGLE, day=DAY, campaign="Brand Search", spend=100),
    ]


def test_a_named_campaign_is_dropped_whatever_its_case_or_punctuation() -> None:
    kept, dropped = leave_out(make_fetched(_rows()), ["employee-giveaway"])
    assert dropped == ["Employee Giveaway"]
    assert [r.campaign_name for r in kept.rows] == ["Employee Giveaway 2", "Brand Search"]


def test_a_name_is_not_a_prefix_and_nothing_named_drops_nothing() -> None:
    fetched = make_fetched(_rows())
    assert leave_out(fetched, ["Employee"]) == (fetched, [])
    assert leave_out(fetched, []) == (fetched, [])
    assert note([]) == []


def test_totals_are_fetched_by_campaign_when_some_are_left_out() -> None:
    assert with_campaigns([], ["X"]) == ["campaign"]
    assert with_campaigns(["date"], ["X"]) == ["date", "campaign"]
    assert with_campaigns(["date", "campaign"], ["X"]) == ["date", "campaign"]
    assert with_campaigns(["date"], []) == ["date"]


def test_a_direct_total_without_the_campaign_says_what_it_left_out() -> None:
    kept, dropped = leave_out(make_fetched(_rows()), ["Employee Giveaway"])
    result = compute(make_plan(metrics=["spend"]), kept, notes=note(dropped))
    assert result.data is not None
    assert Decimal(str(result.data["totals"]["spend"])) == Decimal(140)
    assert "Left out of these figures by your settings: 'Employee Giveaway'." in result.answer
