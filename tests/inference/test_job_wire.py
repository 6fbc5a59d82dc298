"""An analysis job on the wire: the comparison's rows, when they lie inside the history, travel
once (in the history) and are sliced out again on receipt."""

from __future__ import annotations

import json
from datetime import date

from analyst_support import sample_job

from libs.common.plan import DateRange
from libs.common.query import AnalysisJob

TENANT = "northwind-outfitters"
COMPARE = DateRange(start=date(2026, 11, 9), end=date(2026, 11, 15))


def _job(inside: bool) -> AnalysisJob:
    job = sample_job(TENANT, date(2026, 11, 16), date(2026, 11, 22), compare_to=COMPARE)
    assert job.history is not None
    compare = job.history.within(COMPARE)
    if inside:
        return job.model_copy(update={"compare_in_history": COMPARE})
    return job.model_copy(update={"compare_rows": compare})


def test_compare_rows_inside_the_history_are_sent_once_and_rebuilt_on_receipt() -> None:
    sent = _job(inside=True).model_dump_json()
    assert "compare_rows" not in json.loads(sent)
    received = AnalysisJob.model_validate_json(sent)
    assert received.compare_rows is not None
    assert received.history is not None
    assert received.compare_rows.rows == received.history.within(COMPARE).rows
    assert received.compare_rows.rows  # the comparison week has rows
    assert received.compare_rows.date_range == COMPARE


def test_sending_the_comparison_once_makes_the_job_smaller_and_changes_no_row() -> None:
    once, twice = _job(inside=True), _job(inside=False)
    assert len(once.model_dump_json()) < len(twice.model_dump_json())
    rebuilt = AnalysisJob.model_validate_json(once.model_dump_json())
    plain = AnalysisJob.model_validate_json(twice.model_dump_json())
    assert rebuilt.compare_rows == plain.compare_rows
