"""Code every service shares: contracts, vocabularies, settings, logging, errors."""

from libs.common.clock import Clock, today_in
from libs.common.errors import AyaError, QueryError, UpstreamError
from libs.common.logs import configure_logging, log_context
from libs.common.plan import DateRange, NameFilter, QueryPlan, Ranking
from libs.common.rows import AccountRef, FetchedRows, MetricRow
from libs.common.settings import CommonSettings
from libs.common.vocab import (
    BASE_METRICS,
    MONEY_METRICS,
    RATIO_COMPONENTS,
    FilterField,
    GroupBy,
    Intent,
    Metric,
    Platform,
    Route,
    Tier,
    base_metrics_for,
)

__all__ = [
    "BASE_METRICS",
    "MONEY_METRICS",
    "RATIO_COMPONENTS",
    "AccountRef",
    "AyaError",
    "Clock",
    "CommonSettings",
    "DateRange",
    "FetchedRows",
    "FilterField",
    "GroupBy",
    "Intent",
    "Metric",
    "MetricRow",
    "NameFilter",
    "Platform",
    "QueryError",
    "QueryPlan",
    "Ranking",
    "Route",
    "Tier",
    "UpstreamError",
    "base_metrics_for",
    "configure_logging",
    "log_context",
    "today_in",
]
