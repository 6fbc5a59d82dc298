"""What an anomaly is: a kind, a metric, a scope (tenant, account or campaign) and days."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

from libs.common import Metric
from services.inference.analyst.series import Daily, Series

ScopeId = tuple[str, str]
"""("", "") the tenant total, (account_id, "") an account, (account_id, campaign_id) a campaign."""

TENANT: ScopeId = ("", "")
ASKED, COMPARED = "asked", "compare"


class AnomalyKind(StrEnum):
    """How the data broke from its baseline."""

    SPIKE = "spike"
    """A day far above the same weekday's usual value."""
    DROP = "drop"
    """A day far below it."""
    PAUSED = "paused"
    """A campaign that spent on most baseline days delivered nothing."""
    TRACKING_OUTAGE = "tracking_outage"
    """Zero conversions while clicks were normal: the tag or the import broke, not demand."""
    CONVERSION_RATE = "conversion_rate"
    """Over the period, conversions far from what the clicks would bring at the usual rate."""


@dataclass(frozen=True)
class Anomaly:
    """One finding; for daily kinds start == end."""

    kind: AnomalyKind
    metric: Metric
    scope: ScopeId
    start: date
    end: date
    value: Decimal
    expected: Decimal
    z: Decimal | None = None
    related: tuple[Metric, ...] = ()
    """Other metrics that moved past the threshold the same day (reported with this one)."""
    campaigns: int = 0
    """For a tenant-wide day: how many campaigns moved the same way (folded into this one)."""
    period: str = ASKED
    """The period it was found in: the asked one or the comparison (`COMPARED`)."""
    season: str | None = None
    """The calendar event it lies in ("Black Friday weekend"): expected, so no alarm."""

    @property
    def is_campaign(self) -> bool:
        """True when the scope is one campaign."""
        return self.scope[1] != ""


def scopes(series: Series) -> list[tuple[ScopeId, Daily]]:
    """Every scope of a series with its daily sums: tenant, accounts, campaigns (sorted)."""
    found: list[tuple[ScopeId, Daily]] = [(TENANT, series.total)]
    found += [((acc, ""), daily) for acc, daily in sorted(series.accounts.items())]
    found += sorted(series.campaigns.items())
    return found
