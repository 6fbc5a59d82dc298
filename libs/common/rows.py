"""The `FetchedRows` contract: metric rows as data_fetch got them from the connector."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from pydantic import BaseModel, ConfigDict, Field

from libs.common.plan import DateRange
from libs.common.vocab import Metric, Platform


class AccountRef(BaseModel):
    """One ad account of the tenant, as the connector lists it."""

    model_config = ConfigDict(frozen=True)

    account_id: str = Field(description="Connector's account id.", examples=["gads-nw-1"])
    platform: Platform = Field(description="Ad platform.", examples=["google_ads"])
    name: str = Field(description="Account name.", examples=["Northwind — Search"])
    currency: str = Field(description="ISO 4217 currency.", examples=["USD"])
    timezone: str = Field(default="UTC", description="Account time zone.")


CampaignKey = tuple[str, str]
"""(account_id, campaign_id): campaign ids are only unique within an account."""


class CampaignRef(BaseModel):
    """One campaign of an account, as the connector lists it."""

    model_config = ConfigDict(frozen=True)

    account_id: str = Field(description="Account the campaign belongs to.")
    campaign_id: str = Field(description="Connector's campaign id (unique within its account).")
    name: str = Field(description="Campaign name (free text: data).")
    status: str = Field(
        description="`active`, or `paused` when it was switched off for good.",
        examples=["active"],
    )


class MetricRow(BaseModel):
    """Base metric values for one account, optionally one day and/or one campaign."""

    model_config = ConfigDict(frozen=True)

    account_id: str = Field(description="Account the row belongs to.")
    date: dt.date | None = Field(default=None, description="Day, when grouped by date.")
    campaign_id: str | None = Field(default=None, description="Campaign, when grouped by campaign.")
    campaign_name: str | None = Field(default=None, description="Campaign name (free text: data).")
    values: dict[Metric, Decimal] = Field(
        description="Base metric -> value; money in the account currency, counts integral."
    )


class FetchedRows(BaseModel):
    """Everything fetched for one plan: the accounts matched and their rows."""

    date_range: DateRange = Field(description="The days fetched.")
    accounts: list[AccountRef] = Field(description="Accounts whose rows are included.")
    rows: list[MetricRow] = Field(default_factory=list, description="The rows, any grain.")
    fetched_at: dt.datetime = Field(description="When the connector answered (UTC).")

    def within(self, period: DateRange) -> FetchedRows:
        """The rows (day grain) that fall in `period`, as if fetched for it alone."""
        rows = [r for r in self.rows if r.date is not None and period.start <= r.date <= period.end]
        return self.model_copy(update={"date_range": period, "rows": rows})
