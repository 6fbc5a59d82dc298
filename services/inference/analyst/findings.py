"""The structured findings: the same facts as the text, as plain JSON."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from libs.common import Metric
from libs.common.arithmetic import Sums, metric_value
from libs.common.presentation import quantize, to_json_number
from services.inference.analyst.anomaly import Anomaly, ScopeId
from services.inference.analyst.campaigns import CampaignStat
from services.inference.analyst.decompose import Decomposition, Part
from services.inference.analyst.printer import Printer
from services.inference.analyst.recommend import Shift
from services.inference.analyst.report import Analysis
from services.inference.analyst.wording import recommendation_line


def number(value: Decimal | None, places: int = 4) -> float | int | None:
    """A Decimal as a JSON number, rounded half-up to `places` (`libs.common.presentation`)."""
    if value is None:
        return None
    return to_json_number(quantize(value, Decimal(1).scaleb(-places)))


def findings_of(a: Analysis, currency: str | None, notes: list[str]) -> dict[str, Any]:
    """The structured data of one analysis (JSON-serialisable): what a front-end charts."""
    explains = _explains(a)
    ordered = [*a.explaining(), *(x for x in a.scan.anomalies if x not in a.explaining())]
    return {
        "period": {"start": a.start.isoformat(), "end": a.end.isoformat()},
        "currency": currency,
        "totals": {m.value: number(v, 2) for m, v in a.totals.items()},
        "changes": _changes(a),
        "decomposition": [_decomposition(d, a) for d in a.decompositions],
        "baseline": a.scan.baseline,
        "findings": [_finding(x, a, explains.get(id(x), [])) for x in ordered],
        "campaigns": {
            "best_roas": [_stat(s) for s in a.ranking.by_roas[:3]],
            "worst_roas": [_stat(s) for s in a.ranking.by_roas[::-1][:3]],
            "best_cpa": [_stat(s) for s in a.ranking.by_cpa[:3]],
            "worst_cpa": [_stat(s) for s in a.ranking.by_cpa[::-1][:3]],
        },
        "recommendations": [_recommendation(r, a, currency) for r in a.recommendations],
        "switched_off": [{**_scope(key, a), "since": day.isoformat()} for key, day in a.stopped],
        "daily": [_day(day, sums) for day, sums in a.daily],
        "notes": notes,
    }


DAILY_METRICS = (
    Metric.SPEND,
    Metric.IMPRESSIONS,
    Metric.CLICKS,
    Metric.CONVERSIONS,
    Metric.CONVERSION_VALUE,
)
DAILY_RATIOS = (Metric.ROAS, Metric.CPA, Metric.CTR, Metric.CPC)


def _day(day: date, sums: Sums) -> dict[str, Any]:
    """One day's tenant totals, ratios recomputed from that day's sums (DESIGN §1)."""
    row: dict[str, Any] = {"date": day.isoformat()}
    row.update({m.value: number(sums[m], 2) for m in DAILY_METRICS})
    row.update({m.value: number(metric_value(m, sums)) for m in DAILY_RATIOS})
    return row


def _explains(a: Analysis) -> dict[int, list[str]]:
    found: dict[int, list[str]] = {}
    for why in a.whys:
        for anomaly in why.explained_by:
            found.setdefault(id(anomaly), []).append(why.decomposition.metric.value)
    return found


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


MAX_PARTS = 10
"""Parts listed per level (largest effect in the change's direction first); the rest summed."""


def _decomposition(d: Decomposition, a: Analysis) -> dict[str, Any]:
    why = next((w for w in a.whys if w.decomposition is d), None)
    found: dict[str, Any] = {
        "metric": d.metric.value,
        "current": number(d.current),
        "base": number(d.base),
        "change": number(d.change),
        "relative": number(d.relative),
        "by": {level: _parts(level, parts, a) for level, parts in d.levels.items()},
        "explained": why is not None,
    }
    if why is not None:
        found["mover"] = _scope(why.scope, a)
        found["days"] = [
            {"date": g.day.isoformat(), "value": number(g.value), "expected": number(g.expected)}
            for g in why.days
        ]
    return found


def _parts(level: str, parts: tuple[Part, ...], a: Analysis) -> list[dict[str, Any]]:
    shown = [_part(level, p, a) for p in parts[:MAX_PARTS]]
    rest = parts[MAX_PARTS:]
    if rest:
        shown.append(
            {
                "level": level,
                "name": f"{len(rest)} others",
                "effect": number(sum((p.effect for p in rest), Decimal(0))),
                "share": number(sum((p.share or Decimal(0) for p in rest), Decimal(0))),
            }
        )
    return shown


def _part(level: str, p: Part, a: Analysis) -> dict[str, Any]:
    found: dict[str, Any] = {"level": level}
    if level == "platform":
        found |= {"platform": p.key[0], "name": a.names.part(level, p.key)}
    else:
        found |= _scope(p.key, a)
    found |= {
        "current": number(p.current),
        "base": number(p.base),
        "effect": number(p.effect),
        "share": number(p.share),
    }
    if p.mix is not None:
        found |= {"mix": number(p.mix), "rate": number(p.rate)}
    return found


def _scope(scope: ScopeId, a: Analysis) -> dict[str, Any]:
    account, campaign = scope
    platform = a.names.platform(scope)
    return {
        "level": "campaign" if campaign else "account" if account else "tenant",
        "platform": platform.value if platform else None,
        "account_id": account or None,
        "account_name": a.names.accounts.get(account) if account else None,
        "campaign_id": campaign or None,
        "campaign_name": a.names.campaigns.get(scope) if campaign else None,
    }


def _finding(x: Anomaly, a: Analysis, explains: list[str]) -> dict[str, Any]:
    return {
        "kind": x.kind.value,
        "metric": x.metric.value,
        "scope": _scope(x.scope, a),
        "start": x.start.isoformat(),
        "end": x.end.isoformat(),
        "period": x.period,
        "season": x.season,
        "expected": number(x.expected),
        "actual": number(x.value),
        "score": number(x.z, 2),
        "related": [m.value for m in x.related],
        "campaigns_alike": x.campaigns,
        "explains": explains,
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
