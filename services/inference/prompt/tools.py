"""Tools a model may call during analysis, in the OpenAI/Mistral `tools` format."""

from __future__ import annotations

from typing import Any

from libs.common import BASE_METRICS, Platform

GET_METRICS_TOOL: dict[str, Any] = {
    "type": "function",
    "function": {
        "name": "get_metrics",
        "description": "Fetch base ad metrics for the tenant's connected accounts over a date "
        "range, totalled or broken down by day or campaign. Ratios are not returned: compute "
        "them from the sums.",
        "parameters": {
            "type": "object",
            "properties": {
                "platforms": {
                    "type": "array",
                    "items": {"type": "string", "enum": [p.value for p in Platform]},
                    "description": "Platforms to include; empty or absent means all connected.",
                },
                "start_date": {"type": "string", "format": "date", "description": "ISO day."},
                "end_date": {"type": "string", "format": "date", "description": "ISO day."},
                "metrics": {
                    "type": "array",
                    "items": {"type": "string", "enum": sorted(m.value for m in BASE_METRICS)},
                    "minItems": 1,
                },
                "group_by": {
                    "type": "array",
                    "items": {"type": "string", "enum": ["date", "campaign"]},
                    "description": "Breakdown dimensions; empty for totals.",
                },
            },
            "required": ["start_date", "end_date", "metrics"],
            "additionalProperties": False,
        },
    },
}
"""The `get_metrics` tool in the OpenAI/Mistral `tools` format, for a worker's tool loop."""
