"""The analyst's answer: its shape, its numbers and its recommendations."""

from __future__ import annotations

import json
import re
from datetime import date, timedelta
from decimal import Decimal

from analyst_support import HEL, NWO, hand_fetched, hand_row, make_plan, sample_job

from libs.common import Metric
from libs.common.query import AnalysisJob, Query
from services.inference.analyst import analyse

WEEK = (date(2026, 11, 9), date(2026, 11, 15))


def test_answer_has_the_three_headed_parts_in_order() -> None:
    text = analyse(sample_job(NWO, *WEEK)).text
    heads = [text.index(h) for h in ("1. Key observations", "2. Anomalies", "3. Recommendations")]
    assert heads == sorted(heads)


def test_same_input_gives_identical_text_and_findings() -> None:
    first, second = analyse(sample_job(HEL, *WEEK)), analyse(sample_job(HEL, *WEEK))
    assert first.text == second.text
    assert json.dumps(first.data, sort_keys=True) == json.dumps(second.data, sort_keys=True)


def test_notes_are_appended() -> None:
    text = analyse(sample_job(NWO, *WEEK, notes=["TikTok Ads is not connected."])).text
    assert text.rstrip().endswith("_Note: TikTok Ads is not connected._")


def test_findings_are_plain_json_and_figures_appear_in_the_text() -> None:
    report = analyse(sample_job(NWO, *WEEK))
    json.dumps(report.data)
    assert report.figures
    digits = re.sub(r"[,\s]", "", report.text)
    for figure in report.figures:
        assert str(abs(figure)) in digits


def test_ratios_are_recomputed_from_sums_not_averaged() -> None:
    start = date(2026, 11, 9)
    rows = [
        hand_row(start, "A", "100", 1000, 100, 10, "1000"),  # ROAS 10
        hand_row(start, "B", "900", 9000, 900, 10, "900"),  # ROAS 1
    ]
    job = AnalysisJob(
        query=Query(text="How did we do?"),
        plan=make_plan(start, start),
        rows=hand_fetched(start, start, rows),
    )
    report = analyse(job)
    assert "ROAS 1.90×" in report.text  # 1,900 / 1,000, not the mean 5.5
    assert "CPA $50.00" in report.text


def test_best_and_worst_respect_volume_gates() -> None:
    start, end = date(2026, 11, 9), date(2026, 11, 15)
    rows = []
    for i in range(7):
        day = start + timedelta(days=i)
        rows += [
            hand_row(day, "Steady", "500", 20000, 500, 10, "2000"),  # ROAS 4
            hand_row(day, "Weak", "500", 20000, 500, 10, "500"),  # ROAS 1
            hand_row(day, "Lucky", "30", 1000, 20, 1 if i == 0 else 0, "900"),  # one order
        ]
    job = AnalysisJob(
        query=Query(text="Best campaign?"),
        plan=make_plan(start, end),
        rows=hand_fetched(start, end, rows),
    )
    found = analyse(job).data["campaigns"]
    assert [c["campaign"] for c in found["best_roas"]] == ["Steady", "Weak"]
    assert found["best_cpa"][0]["campaign"] in ("Steady", "Weak")
    assert all(c["campaign"] != "Lucky" for c in found["best_cpa"] + found["best_roas"])


def test_budget_shifts_name_real_campaigns_with_amounts_from_the_data() -> None:
    job = sample_job(NWO, *WEEK)
    report = analyse(job)
    assert job.rows is not None
    names = {row.campaign_id: row.campaign_name for row in job.rows.rows}
    spend: dict[str, Decimal] = {}
    for row in job.rows.rows:
        if row.campaign_id:
            spend[row.campaign_id] = (
                spend.get(row.campaign_id, Decimal(0)) + row.values[Metric.SPEND]
            )
    shifts = [r for r in report.data["recommendations"] if r["kind"] == "budget_shift"]
    assert shifts
    assert len(report.data["recommendations"]) <= 4
    for shift in shifts:
        assert names[shift["from_campaign_id"]] == shift["from_campaign"]
        assert names[shift["to_campaign_id"]] == shift["to_campaign"]
        assert shift["from_campaign"] in report.text
        assert shift["to_campaign"] in report.text
        assert shift["currency"] == "USD"
        # about 15 % of the donor's weekly spend (rounded to two significant figures)
        weekly = spend[shift["from_campaign_id"]]
        assert Decimal("0.10") * weekly <= Decimal(str(shift["amount"])) <= Decimal("0.2") * weekly


def test_tracking_outage_comes_first_in_recommendations() -> None:
    report = analyse(sample_job(NWO, *WEEK))
    assert report.data["recommendations"][0]["kind"] == "check_tracking_outage"


def test_forecast_projects_the_future_range_with_a_range_and_method() -> None:
    job = sample_job(HEL, date(2026, 11, 23), date(2026, 11, 29), intent="forecast")
    report = analyse(job)
    assert report.text.startswith("**1. Forecast**")
    assert "range" in report.text
    assert "same weekday" in report.text
    forecast = report.data["forecast"]
    assert forecast["projected_days"] == 7
    low, mid, high = (Decimal(forecast[k]["spend"]) for k in ("low", "mid", "high"))
    assert low <= mid <= high


def test_report_intent_says_more_than_a_quick_answer() -> None:
    quick = analyse(sample_job(HEL, *WEEK)).text
    long = analyse(sample_job(HEL, *WEEK, intent="report")).text
    assert len(long) > len(quick)


def test_daily_totals_for_the_chart_add_up_to_the_period_and_recompute_ratios() -> None:
    data = analyse(sample_job(NWO, *WEEK)).data
    daily = data["daily"]
    assert daily[-1]["date"] == WEEK[1].isoformat()
    assert daily[0]["date"] < WEEK[0].isoformat()  # the history the anomalies are judged on
    asked = [d for d in daily if d["date"] >= WEEK[0].isoformat()]
    assert len(asked) == 7
    for metric in ("spend", "conversions", "conversion_value"):
        summed = sum(Decimal(str(d[metric])) for d in asked)
        assert summed == Decimal(str(data["totals"][metric]))
    for day in daily:
        if day["spend"]:
            roas = Decimal(str(day["conversion_value"])) / Decimal(str(day["spend"]))
            assert abs(Decimal(str(day["roas"])) - roas) < Decimal("0.0001")
