"""data_fetch: fetches rows for a plan and, for direct plans, computes the answer from them."""

from libs.common.arithmetic import base_sums, metric_value
from libs.common.presentation import format_metric, period_label, round_metric, to_json_number
from services.data_fetch.aggregate import (
    Change,
    GroupRow,
    change,
    check_rows,
    evaluate,
    group_rows,
    rank,
)
from services.data_fetch.answer import render_answer
from services.data_fetch.defaults import (
    DEFAULT_METRICS,
    answer_metrics,
    effective_group_by,
    effective_ranking,
)
from services.data_fetch.direct import DirectResult, compute, summary_data
from services.data_fetch.scope import (
    Filtered,
    MixedCurrencyError,
    NoData,
    Scope,
    apply_campaign_filters,
    connector_grain,
    currency_of,
    filter_campaign_rows,
    name_matches,
    resolve_scope,
)
from services.data_fetch.summary import Comparison, Summary, summarise

__all__ = [
    "DEFAULT_METRICS",
    "Change",
    "Comparison",
    "DirectResult",
    "Filtered",
    "GroupRow",
    "MixedCurrencyError",
    "NoData",
    "Scope",
    "Summary",
    "answer_metrics",
    "apply_campaign_filters",
    "base_sums",
    "change",
    "check_rows",
    "compute",
    "connector_grain",
    "currency_of",
    "effective_group_by",
    "effective_ranking",
    "evaluate",
    "filter_campaign_rows",
    "format_metric",
    "group_rows",
    "metric_value",
    "name_matches",
    "period_label",
    "rank",
    "render_answer",
    "resolve_scope",
    "round_metric",
    "summarise",
    "summary_data",
    "to_json_number",
]
