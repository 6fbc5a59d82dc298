"""The daily anomaly watch, inference's side: the analyst's scan of the watched day against
its baseline (no model, no budget hold, no ledger row), one `anomaly.detected` event per
finding — its `Nats-Msg-Id` the finding's key, so a watch that runs twice repeats nothing —
then the watch's answer (its findings), which ends it like any question."""

from __future__ import annotations

from typing import Any

from faststream.nats.annotations import NatsBroker

from libs.common.alerts import AnomalyDetected
from libs.common.answer import Answer, AnswerStatus
from libs.common.bus import publish_answer
from libs.common.clock import Clock
from libs.common.envelope import Envelope
from libs.common.query import AnalysisJob
from libs.common.subjects import Stage, stream_of, subject
from libs.common.vocab import Engine
from services.inference.analyst import examine, facts_data

ASKED = "asked"


def finding_key(finding: dict[str, Any]) -> str:
    """What makes two findings the same one: kind, metric, scope and days."""
    scope = finding["scope"]
    parts = (
        finding["kind"], finding["metric"], scope["level"], scope["account_id"] or "-",
        scope["campaign_id"] or "-", finding["start"], finding["end"],
    )  # fmt: skip
    return ":".join(str(part) for part in parts)


def watch_findings(job: AnalysisJob) -> list[dict[str, Any]]:
    """The watched day's findings: the asked period's, as analysis answers show them, but not
    the seasonal ones (a calendar event every analyst expects is no alarm)."""
    analysis = examine(job)
    if analysis is None:
        return []
    found = facts_data(job, analysis)["findings"]
    return [f for f in found if f["period"] == ASKED and f["season"] is None]


def summary(findings: list[dict[str, Any]], day: str) -> str:
    """The watch's answer text."""
    if not findings:
        return f"Nothing unusual on {day}."
    return f"{len(findings)} unusual finding(s) on {day}: " + "; ".join(
        f"{f['kind']} of {f['metric']}" for f in findings
    )


async def run_watch(envelope: Envelope[AnalysisJob], broker: NatsBroker, clock: Clock) -> None:
    """Scan, publish each finding, then answer the watch."""
    job = envelope.body
    day = job.plan.date_range.start
    findings = watch_findings(job)
    for finding in findings:
        event = AnomalyDetected(
            tenant_id=envelope.tenant_id,
            day=day,
            key=finding_key(finding),
            finding=finding,
            detected_at=clock.now(),
        )
        headers = {"Nats-Msg-Id": f"{envelope.tenant_id}:anomaly:{event.key}"}
        if envelope.traceparent:
            headers["traceparent"] = envelope.traceparent
        await broker.publish(
            event,
            subject(envelope.tenant_id, Stage.ANOMALY_DETECTED),
            headers=headers,
            correlation_id=envelope.query_id,
            stream=stream_of(Stage.ANOMALY_DETECTED),
        )
    answer = Answer(
        query_id=envelope.query_id,
        tenant_id=envelope.tenant_id,
        status=AnswerStatus.ANSWERED,
        route=job.plan.route,
        plan=job.plan,
        answer=summary(findings, day.isoformat()),
        data={"watch_day": day.isoformat(), "findings": findings},
        engine=Engine.ANALYST.value,
        answered_at=clock.now(),
    )
    await publish_answer(broker, envelope, answer)
