"""The `QueryPlan` contract: what the router makes of a question."""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

from libs.common.vocab import FilterField, GroupBy, Intent, Metric, Platform, Route, Tier

COMPARE_ALIGNED = "compare:aligned"
"""Rationale entry of a plan whose comparison the router chose (the question named none)."""


class DateRange(BaseModel):
    """An inclusive range of calendar days in the tenant's time zone."""

    model_config = ConfigDict(frozen=True)

    start: date = Field(description="First day, inclusive.", examples=["2026-11-09"])
    end: date = Field(description="Last day, inclusive.", examples=["2026-11-15"])

    @model_validator(mode="after")
    def _ordered(self) -> DateRange:
        if self.start > self.end:
            raise ValueError(f"date range starts after it ends ({self.start} > {self.end})")
        return self

    @property
    def days(self) -> int:
        """Number of days in the range."""
        return (self.end - self.start).days + 1


class NameFilter(BaseModel):
    """A campaign or account name the question mentions (matched case-insensitively)."""

    model_config = ConfigDict(frozen=True)

    field: FilterField = Field(description="What the name refers to.", examples=["campaign"])
    value: str = Field(
        min_length=1, max_length=200, description="The name as written.", examples=["brand search"]
    )


class Ranking(BaseModel):
    """How to order a breakdown for 'top/best/worst' questions."""

    model_config = ConfigDict(frozen=True)

    metric: Metric = Field(description="Metric to sort by.", examples=["roas"])
    descending: bool = Field(description="True for highest first.", examples=[True])
    limit: int | None = Field(default=None, ge=1, le=100, description="Keep the first N rows.")


class RouteReason(BaseModel):
    """Why a plan took its route: the rule that decided, and the words nothing explained."""

    model_config = ConfigDict(frozen=True)

    rule: str = Field(description="The rule that decided the route.", examples=["intent:why_words"])
    unexplained: list[str] = Field(
        default_factory=list,
        description="Words no extractor explained; any sends a would-be lookup to analysis.",
        examples=[["overspending"]],
    )
    lookup_probability: float | None = Field(
        default=None,
        ge=0,
        le=1,
        description=(
            "The probability that the question is a plain lookup, when it was asked: the route"
            " arbiter's, which weighs the rules' decision against the route model's reading;"
            " where it overruled the rules, the rule starts with `arbiter:`."
        ),
        examples=[0.93],
    )


class CarriedFrom(BaseModel):
    """What a follow-up took from the turn before it ("and on Meta?" keeps the metric and
    the period, and changes the platform)."""

    model_config = ConfigDict(frozen=True)

    query_id: str = Field(description="The earlier turn's question id.")
    fields: list[str] = Field(
        description="The plan fields taken from it.", examples=[["metrics", "date_range"]]
    )


class QueryPlan(BaseModel):
    """The router's reading of one question; everything downstream works from this."""

    model_config = ConfigDict(extra="ignore")

    route: Route = Field(description="direct (arithmetic on rows) or analysis (needs a model).")
    tier: Tier | None = Field(default=None, description="Model tier for analysis; null for direct.")
    intent: Intent = Field(description="What the user wants done with the data.")
    platforms: list[Platform] = Field(
        default_factory=list, description="Platforms named; empty means all connected."
    )
    metrics: list[Metric] = Field(
        default_factory=list, description="Metrics named; empty means none was named."
    )
    date_range: DateRange = Field(description="The period asked about.")
    compare_to: DateRange | None = Field(
        default=None,
        description="The period to compare with: the one the question names, or for analysis "
        "the period before, aligned to weekdays (see the README's conventions).",
    )
    history: DateRange | None = Field(
        default=None,
        description="Analysis only: the baseline days before the asked period (and a comparison "
        "just before it) that unusual days are judged against.",
    )
    group_by: list[GroupBy] = Field(default_factory=list, description="Breakdown dimensions.")
    filters: list[NameFilter] = Field(
        default_factory=list, description="Campaign/account names named."
    )
    unsupported: list[str] = Field(
        default_factory=list, description="Platforms named that we do not support (lower case)."
    )
    ranking: Ranking | None = Field(default=None, description="Ordering for ranking questions.")
    as_of: date = Field(description="The 'today' the dates were resolved against.")
    timezone: str = Field(default="UTC", description="IANA time zone the dates are in.")
    rationale: list[str] = Field(
        default_factory=list, description="The rules that decided route, intent and tier."
    )
    route_reason: RouteReason = Field(
        default_factory=lambda: RouteReason(rule="unrecorded"),
        description="The rule that decided the route and the words it could not explain.",
    )
    carried_from: CarriedFrom | None = Field(
        default=None,
        description="A follow-up's earlier turn and what was taken from it; null when the "
        "question stands on its own.",
    )

    @model_validator(mode="after")
    def _tier_matches_route(self) -> QueryPlan:
        if self.route is Route.DIRECT and self.tier is not None:
            raise ValueError("a direct plan has no tier")
        if self.route is Route.ANALYSIS and self.tier is None:
            raise ValueError("an analysis plan needs a tier")
        return self

    def contract_view(self) -> dict[str, Any]:
        """The stable public shape (`aya route` output): sorted lists, ISO dates."""
        return {
            "route": self.route.value,
            "tier": self.tier.value if self.tier else None,
            "intent": self.intent.value,
            "platforms": sorted(p.value for p in self.platforms),
            "metrics": sorted(m.value for m in self.metrics),
            "date_range": _range_view(self.date_range),
            "compare_to": _range_view(self.compare_to) if self.compare_to else None,
            "history": _range_view(self.history) if self.history else None,
            "group_by": sorted(g.value for g in self.group_by),
            "filters": sorted(
                ({"field": f.field.value, "value": f.value} for f in self.filters),
                key=lambda f: (f["field"], f["value"]),
            ),
            "unsupported": sorted(self.unsupported),
            "route_reason": self.route_reason.model_dump(),
            "carried_from": self.carried_from.model_dump() if self.carried_from else None,
        }


def _range_view(rng: DateRange) -> dict[str, str]:
    return {"start": rng.start.isoformat(), "end": rng.end.isoformat()}
