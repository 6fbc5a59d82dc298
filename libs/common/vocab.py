"""The controlled vocabularies every message uses: platforms, metrics, intents, routes, tiers."""

from __future__ import annotations

from enum import StrEnum


class Platform(StrEnum):
    """An ad platform we connect to through Lemanado."""

    GOOGLE_ADS = "google_ads"
    META_ADS = "meta_ads"
    TIKTOK_ADS = "tiktok_ads"
    LINKEDIN_ADS = "linkedin_ads"
    MICROSOFT_ADS = "microsoft_ads"


class Metric(StrEnum):
    """A metric a question can ask for; ratios are derived from the base metrics."""

    SPEND = "spend"
    IMPRESSIONS = "impressions"
    CLICKS = "clicks"
    CONVERSIONS = "conversions"
    CONVERSION_VALUE = "conversion_value"
    CTR = "ctr"
    CPC = "cpc"
    CPA = "cpa"
    ROAS = "roas"
    CPM = "cpm"


BASE_METRICS: frozenset[Metric] = frozenset(
    {Metric.SPEND, Metric.IMPRESSIONS, Metric.CLICKS, Metric.CONVERSIONS, Metric.CONVERSION_VALUE}
)
"""Metrics the connector returns directly (sums over days and accounts are meaningful)."""

RATIO_COMPONENTS: dict[Metric, tuple[Metric, Metric, int]] = {
    Metric.CTR: (Metric.CLICKS, Metric.IMPRESSIONS, 1),
    Metric.CPC: (Metric.SPEND, Metric.CLICKS, 1),
    Metric.CPA: (Metric.SPEND, Metric.CONVERSIONS, 1),
    Metric.ROAS: (Metric.CONVERSION_VALUE, Metric.SPEND, 1),
    Metric.CPM: (Metric.SPEND, Metric.IMPRESSIONS, 1000),
}
"""Ratio metric -> (numerator, denominator, scale): always recomputed from sums, never averaged."""

MONEY_METRICS: frozenset[Metric] = frozenset(
    {Metric.SPEND, Metric.CONVERSION_VALUE, Metric.CPC, Metric.CPA, Metric.CPM}
)


METRIC_LABELS: dict[Metric, str] = {
    Metric.SPEND: "spend",
    Metric.IMPRESSIONS: "impressions",
    Metric.CLICKS: "clicks",
    Metric.CONVERSIONS: "conversions",
    Metric.CONVERSION_VALUE: "conversion value",
    Metric.CTR: "CTR",
    Metric.CPC: "CPC",
    Metric.CPA: "CPA",
    Metric.ROAS: "ROAS",
    Metric.CPM: "CPM",
}
"""How a metric reads mid-sentence, in every answer (direct or analyst)."""

PLATFORM_LABELS: dict[Platform, str] = {
    Platform.GOOGLE_ADS: "Google Ads",
    Platform.META_ADS: "Meta Ads",
    Platform.TIKTOK_ADS: "TikTok Ads",
    Platform.LINKEDIN_ADS: "LinkedIn Ads",
    Platform.MICROSOFT_ADS: "Microsoft Ads",
}
"""How a platform is named in every answer."""


class Intent(StrEnum):
    """What the user wants done with the data."""

    LOOKUP = "lookup"
    COMPARISON = "comparison"
    BREAKDOWN = "breakdown"
    RANKING = "ranking"
    TREND = "trend"
    ANOMALY = "anomaly"
    DIAGNOSIS = "diagnosis"
    RECOMMENDATION = "recommendation"
    FORECAST = "forecast"
    REPORT = "report"
    OTHER = "other"


class Route(StrEnum):
    """Direct = arithmetic on rows, no model; analysis = needs a model."""

    DIRECT = "direct"
    ANALYSIS = "analysis"


class Tier(StrEnum):
    """Model size class for analysis work."""

    SMALL = "small"
    MEDIUM = "medium"
    LARGE = "large"


class GroupBy(StrEnum):
    """A breakdown dimension."""

    DATE = "date"
    WEEK = "week"
    MONTH = "month"
    CAMPAIGN = "campaign"
    ACCOUNT = "account"
    PLATFORM = "platform"


class FilterField(StrEnum):
    """What a name filter applies to."""

    CAMPAIGN = "campaign"
    ACCOUNT = "account"


def base_metrics_for(metrics: list[Metric] | frozenset[Metric]) -> list[Metric]:
    """The base metrics needed to compute `metrics` (ratios expanded to their components)."""
    needed: set[Metric] = set()
    for metric in metrics:
        if metric in RATIO_COMPONENTS:
            num, den, _ = RATIO_COMPONENTS[metric]
            needed.update((num, den))
        else:
            needed.add(metric)
    return sorted(needed)


class Role(StrEnum):
    """What a key (or JWT) may do in its tenant; each role may do all the ones before it."""

    VIEWER = "viewer"
    """Reads the tenant's questions, answers and usage."""
    ANALYST = "analyst"
    """Also asks questions."""
    ADMIN = "admin"
    """Also manages the tenant's keys and settings (an agency's admin, its clients' too)."""


_ROLE_ORDER = tuple(Role)


def at_least(role: str, minimum: Role) -> bool:
    """Whether `role` (as stored or claimed) may do what `minimum` may; unknown roles may not."""
    return role in _ROLE_ORDER and _ROLE_ORDER.index(Role(role)) >= _ROLE_ORDER.index(minimum)


CACHE_ENGINE = "cache"
"""The ledger's engine of an answer repeated from the answer cache: no model call, no cost."""


class Engine(StrEnum):
    """An engine that can answer an analysis question."""

    VLLM = "vllm"
    """Self-hosted models behind vLLM's OpenAI-compatible API."""
    MISTRAL = "mistral"
    """Mistral's managed API."""
    ANALYST = "analyst"
    """No model: the deterministic, data-grounded answer computed from the rows."""


MODEL_ENGINES = (Engine.VLLM, Engine.MISTRAL)
"""The engines that call a model (and cost tokens), in the default chain's order."""


class Degraded(StrEnum):
    """Why an analysis answer was written by the analyst although a model was meant to
    (`degraded_reason`)."""

    TIER_NOT_ALLOWED = "tier_not_allowed"
    """The tenant's policy does not allow the question's model tier."""
    MODEL_ENGINES_UNAVAILABLE = "model_engines_unavailable"
    """Every model engine of the chain failed or was skipped."""
    BUDGET_EXHAUSTED = "budget_exhausted"
    """The month's model budget is spent (a `refuse` tenant gets this as an error code)."""
    BUDGET_UNVERIFIED = "budget_unverified"
    """The ledger could not confirm the spend, and the tenant does not fail open (likewise)."""
    PROMPT_TOO_LARGE = "prompt_too_large"
    """Even the totals do not fit the model's context beside its answer: no model was called."""


BUDGET_REASONS = frozenset({Degraded.BUDGET_EXHAUSTED, Degraded.BUDGET_UNVERIFIED})
"""The budget's reasons: degraded answers by default, refusals for a `refuse` tenant."""
