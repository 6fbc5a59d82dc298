"""The structured findings: the same facts as the text, as plain JSON."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from libs.common import Metric
from services.inference.analyst.anomaly import Anomaly
from services.inference.analyst.campaigns import CampaignStat
from services.inference.analyst.printer import Printer
from services.inference.analyst.recommend import Shift
from services.inference.analyst.report import Analysis
from services.inference.analyst.wording import recommendation_line


def number(value: Decimal | None, places: int = 4) -> float | int | None:
    """A Decimal as a JSON number, rounded half-up."""
    if value is None:
        return None
    rounded = value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    return int(rounded) if rounded == rounded.to_integral_value() else float(rounded)


def findings_of(a: Analysis, currency: str | None, notes: list[str]) -> dict[str, Any]:
    """Findings of one analysis (JSON-serialisable)."""
    return {
        "period": {"start": a.start.isoformat(), "end": a.end.isoformat()},
        "currency": currency,
        "totals": {m.value: number(v, 2) for m, v in a.totals.items()},
        "changes": _changes(a),
        "baseline": a.scan.baseline,
        "anomalies": [_anomaly(x, a) for x in a.scan.anomalies],
        "campaigns": {
            "best_roas": [_stat(s) for s in a.ranking.by_roas[:3]],
            "worst_roas": [_stat(s) for s in a.ranking.by_roas[::-1][:3]],
            "best_cpa": [_stat(s) for s in a.ranking.by_cpa[:3]],
            "worst_cpa": [_stat(s) for s in a.ranking.by_cpa[::-1][:3]],
        },
        "recommendations": [_recommendation(r, a, currency) for r in a.recommendations],
        "notes": notes,
    }


def _changes(a: Analysis) -> dict[str, Any] | None:
    if a.comparison is None:
        return None
    c = a.comparison
    return {
        "base_period": {"start": c.start.isoformat(), "end": c.end.isoformat()},
        "source": c.source,
        "metrics": [
            {
                "metric": ch.metric.value,
                "current": number(ch.current),
                "base": number(ch.base),
                "relative": number(ch.relative),
            }
            for ch in c.changes
        ],
    }


def _anomaly(x: Anomaly, a: Analysis) -> dict[str, Any]:
    return {
        "kind": x.kind.value,
        "metric": x.metric.value,
        "date": x.start.isoformat(),
        "end": x.end.isoformat(),
        "account_id": x.scope[0] or None,
        "campaign_id": x.scope[1] or None,
        "campaign": a.names.campaigns.get(x.scope) if x.scope[1] else None,
        "value": number(x.value),
        "expected": number(x.expected),
        "z": number(x.z, 2),
        "related": [m.value for m in x.related],
        "campaigns_alike": x.campaigns,
    }


def _stat(s: CampaignStat) -> dict[str, Any]:
    return {
        "account_id": s.key[0],
        "campaign_id": s.key[1],
        "campaign": s.name,
        "spend": number(s.sums[Metric.SPEND], 2),
        "conversions": number(s.sums[Metric.CONVERSIONS], 2),
        "roas": number(s.roas),
        "cpa": number(s.cpa, 2),
    }


def _recommendation(r: Shift | Any, a: Analysis, currency: str | None) -> dict[str, Any]:
    rationale = recommendation_line(Printer(currency), r, a.names)
    if isinstance(r, Shift):
        return {
            "kind": "budget_shift",
            "from_campaign": r.source.name,
            "from_campaign_id": r.source.key[1],
            "to_campaign": r.target.name,
            "to_campaign_id": r.target.key[1],
            "amount": number(r.amount, 2),
            "period": "week",
            "currency": currency,
            "rationale": rationale,
        }
    return {"kind": f"check_{r.anomaly.kind.value}", "rationale": rationale, "currency": currency}
