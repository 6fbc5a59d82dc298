"""Per-campaign-kind economics: the ranges every generated day stays inside.

Ranges are typical 2025-26 figures per platform and campaign type; cents are in the account's
currency. Keeping them in one table lets the tests check each generated day against them.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import StrEnum


class Kind(StrEnum):
    """What a campaign is for; drives its costs, rates and value."""

    BRAND_SEARCH = "brand_search"
    SEARCH = "search"
    SHOPPING = "shopping"
    PMAX = "pmax"
    DISPLAY_RETARGETING = "display_retargeting"
    VIDEO = "video"
    SOCIAL_PROSPECTING = "social_prospecting"
    SOCIAL_RETARGETING = "social_retargeting"
    TIKTOK_PROSPECTING = "tiktok_prospecting"
    LEAD_GEN = "lead_gen"
    THOUGHT_LEADERSHIP = "thought_leadership"


@dataclass(frozen=True, slots=True)
class Economics:
    """Ranges a campaign's constants are drawn from (lo, hi), inclusive."""

    objective: str
    cpc_cents: tuple[int, int]
    ctr: tuple[float, float]
    cvr: tuple[float, float]
    value_cents: tuple[int, int]
    """Value of one conversion: order value for shops, pipeline value for B2B leads."""
    budget_cents: tuple[int, int]
    """Typical daily budget before trends, seasonality and budget changes."""


_SHOP_ORDER = (6_500, 14_000)
_NO_VALUE = (0, 0)

ECONOMICS: dict[Kind, Economics] = {
    Kind.BRAND_SEARCH: Economics(
        "sales", (40, 150), (0.08, 0.15), (0.06, 0.12), _SHOP_ORDER, (4_000, 15_000)
    ),
    Kind.SEARCH: Economics(
        "sales", (90, 350), (0.03, 0.07), (0.02, 0.05), _SHOP_ORDER, (10_000, 45_000)
    ),
    Kind.SHOPPING: Economics(
        "sales", (40, 120), (0.008, 0.02), (0.015, 0.035), _SHOP_ORDER, (10_000, 40_000)
    ),
    Kind.PMAX: Economics(
        "sales", (50, 160), (0.01, 0.03), (0.02, 0.04), _SHOP_ORDER, (15_000, 50_000)
    ),
    Kind.DISPLAY_RETARGETING: Economics(
        "sales", (30, 120), (0.003, 0.008), (0.01, 0.03), _SHOP_ORDER, (3_000, 10_000)
    ),
    Kind.VIDEO: Economics(
        "awareness", (20, 80), (0.002, 0.006), (0.002, 0.008), _SHOP_ORDER, (5_000, 20_000)
    ),
    Kind.SOCIAL_PROSPECTING: Economics(
        "sales", (40, 150), (0.008, 0.02), (0.01, 0.03), _SHOP_ORDER, (10_000, 40_000)
    ),
    Kind.SOCIAL_RETARGETING: Economics(
        "sales", (50, 180), (0.012, 0.03), (0.03, 0.07), _SHOP_ORDER, (4_000, 15_000)
    ),
    Kind.TIKTOK_PROSPECTING: Economics(
        "traffic", (20, 90), (0.006, 0.015), (0.005, 0.02), _SHOP_ORDER, (5_000, 25_000)
    ),
    # B2B: a lead is valued at its expected pipeline value (demo request ≈ €120-€250).
    Kind.LEAD_GEN: Economics(
        "leads", (500, 1_200), (0.004, 0.009), (0.06, 0.14), (12_000, 25_000), (10_000, 35_000)
    ),
    # Awareness content still counts sign-ups (newsletter, webinar) but assigns them no value.
    Kind.THOUGHT_LEADERSHIP: Economics(
        "awareness", (400, 900), (0.003, 0.006), (0.005, 0.02), _NO_VALUE, (5_000, 15_000)
    ),
}

_B2B_LEAD_VALUE = (8_000, 20_000)
_B2B_NATIVE = frozenset({Kind.LEAD_GEN, Kind.THOUGHT_LEADERSHIP})


def economics_for(kind: Kind, *, b2b: bool) -> Economics:
    """The ranges for `kind`; B2B tenants convert to leads worth a pipeline value, not orders."""
    base = ECONOMICS[kind]
    if not b2b or kind in _B2B_NATIVE:
        return base
    objective = "awareness" if base.objective == "awareness" else "leads"
    lo, hi = base.cvr
    return replace(base, objective=objective, cvr=(lo / 2, hi / 2), value_cents=_B2B_LEAD_VALUE)
