"""Every injected anomaly of the sample connector is found through REST, on the running stack,
by questions of three kinds: why a metric changed, anything unusual in the month, and a period
phrase. The answer names the campaign (or account), a day inside the anomaly and the direction,
and its data carries the finding and the decomposition of the change."""

from __future__ import annotations

from typing import Any

import pytest
from e2e_support import ask

from aya.stack import Stack
from lemanado_sample import Anomaly, AnomalyKind
from tests.anomaly_questions import Case, cases, finding_line

pytestmark = pytest.mark.slow
CASES = cases()
_KINDS = {
    AnomalyKind.SPEND_SPIKE: "spike",
    AnomalyKind.CONVERSION_DROP: "conversion_rate",
    AnomalyKind.TRACKING_OUTAGE: "tracking_outage",
    AnomalyKind.PAUSED_RESUMED: "paused",
}


def _is(found: dict[str, Any], anomaly: Anomaly) -> bool:
    scope = found["scope"]
    where = (
        scope["campaign_id"] == anomaly.campaign_id
        if anomaly.campaign_id
        else (scope["account_id"], scope["campaign_id"]) == (anomaly.account_id, None)
    )
    inside = found["start"] <= anomaly.end.isoformat() and found["end"] >= anomaly.start.isoformat()
    return where and inside and found["kind"] == _KINDS[anomaly.kind]


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_injected_anomaly_is_found_through_rest(stack: Stack, case: Case) -> None:
    body = ask(stack, case.anomaly.tenant_id, case.question)
    assert (body["route"], body["engine"]) == ("analysis", "analyst")
    assert finding_line(body["answer"], case.anomaly) is not None, body["answer"]
    assert any(_is(f, case.anomaly) for f in body["data"]["findings"]), body["data"]["findings"]
    plan = body["plan"]
    assert plan["compare_to"] is not None
    assert plan["history"] is not None


@pytest.mark.parametrize(
    "case", [c for c in CASES if c.kind == "why"], ids=[c.id for c in CASES if c.kind == "why"]
)
def test_why_answer_names_the_anomaly_as_the_cause_of_the_change(stack: Stack, case: Case) -> None:
    body = ask(stack, case.anomaly.tenant_id, case.question)
    explained = [d for d in body["data"]["decomposition"] if d["explained"]]
    assert explained, body["data"]["decomposition"]
    causes = [f for f in body["data"]["findings"] if f["explains"]]
    assert any(_is(f, case.anomaly) for f in causes), body["answer"]
    assert "Explained by:" in body["answer"]
