"""Fetching a plan's rows from Lemanado: accounts per tenant, metrics concurrently per account."""

from __future__ import annotations

import asyncio
import time
from decimal import Decimal
from typing import Any

from pydantic import ValidationError

from libs.common import AccountRef, DateRange, FetchedRows, Metric, MetricRow
from libs.common.errors import UpstreamError
from libs.common.rows import CampaignRef
from services.data_fetch.mcp_client import LemanadoPool
from services.data_fetch.row_cache import Fetched, RowCache


class AccountDirectory:
    """What the connector says of a tenant, cached briefly (questions come often): its accounts
    and their campaigns, and (`rows`) the metric rows of recent windows."""

    def __init__(
        self, pool: LemanadoPool, ttl_seconds: float, rows: RowCache | None = None
    ) -> None:
        self._pool = pool
        self._ttl = ttl_seconds
        self._cache: dict[str, tuple[float, list[AccountRef]]] = {}
        self._campaign_cache: dict[tuple[str, str], tuple[float, list[CampaignRef]]] = {}
        self.rows = rows

    @property
    def pool(self) -> LemanadoPool:
        """The MCP sessions the connector is reached through."""
        return self._pool

    async def bind(self, tenant_id: str, ref: str | None) -> None:
        """Serve the tenant with its credential as it is now; a changed credential means
        other accounts, so the cached list goes."""
        if await self._pool.bind(tenant_id, ref):
            self._cache.pop(tenant_id, None)
            for key in [k for k in self._campaign_cache if k[0] == tenant_id]:
                del self._campaign_cache[key]
            if self.rows is not None:
                self.rows.forget(tenant_id)

    async def accounts(self, tenant_id: str) -> list[AccountRef]:
        """The tenant's accounts (from `list_accounts`)."""
        cached = self._cache.get(tenant_id)
        if cached is not None and time.monotonic() - cached[0] < self._ttl:
            return cached[1]
        result = await self._pool.call(tenant_id, "list_accounts", {})
        try:
            accounts = [AccountRef.model_validate(a) for a in result.get("accounts", [])]
        except ValidationError as exc:
            raise UpstreamError(
                "The connector listed accounts we cannot read.", transient=False
            ) from exc
        self._cache[tenant_id] = (time.monotonic(), accounts)
        return accounts

    async def campaigns(self, tenant_id: str, accounts: list[AccountRef]) -> list[CampaignRef]:
        """The accounts' campaigns with their status (from `list_campaigns`, cached briefly)."""
        lists = await asyncio.gather(*(self._campaigns(tenant_id, a) for a in accounts))
        return [campaign for found in lists for campaign in found]

    async def _campaigns(self, tenant_id: str, account: AccountRef) -> list[CampaignRef]:
        key = (tenant_id, account.account_id)
        cached = self._campaign_cache.get(key)
        if cached is not None and time.monotonic() - cached[0] < self._ttl:
            return cached[1]
        result = await self._pool.call(
            tenant_id, "list_campaigns", {"account_id": account.account_id}
        )
        try:
            found = [
                CampaignRef.model_validate({**c, "account_id": account.account_id})
                for c in result.get("campaigns", [])
            ]
        except (ValidationError, TypeError) as exc:
            raise UpstreamError(
                "The connector listed campaigns we cannot read.", transient=False
            ) from exc
        self._campaign_cache[key] = (time.monotonic(), found)
        return found


async def fetch_rows(
    directory: AccountDirectory,
    tenant_id: str,
    accounts: list[AccountRef],
    period: DateRange,
    metrics: list[Metric],
    grain: list[str],
) -> FetchedRows:
    """`get_metrics` for every account at once (or its rows kept from a moment ago); rows
    tagged with their account, `fetched_at` the oldest answer's time."""
    results = await asyncio.gather(
        *(_account_rows(directory, tenant_id, a, period, metrics, grain) for a in accounts)
    )
    return FetchedRows(
        date_range=period,
        accounts=accounts,
        rows=[row for found in results for row in found.rows],
        fetched_at=min((found.at for found in results), default=directory.pool.clock.now()),
    )


async def _account_rows(
    directory: AccountDirectory,
    tenant_id: str,
    account: AccountRef,
    period: DateRange,
    metrics: list[Metric],
    grain: list[str],
) -> Fetched:
    async def fetch() -> Fetched:
        rows = await _connector_rows(directory.pool, tenant_id, account, period, metrics, grain)
        return Fetched(tuple(rows), directory.pool.clock.now())

    if directory.rows is None:
        return await fetch()
    key = (
        tenant_id,
        account.account_id,
        period.start,
        period.end,
        tuple(m.value for m in metrics),
        tuple(grain),
    )
    return await directory.rows.get(key, period, fetch)


async def _connector_rows(
    pool: LemanadoPool,
    tenant_id: str,
    account: AccountRef,
    period: DateRange,
    metrics: list[Metric],
    grain: list[str],
) -> list[MetricRow]:
    result = await pool.call(
        tenant_id,
        "get_metrics",
        {
            "account_id": account.account_id,
            "start_date": period.start.isoformat(),
            "end_date": period.end.isoformat(),
            "metrics": [m.value for m in metrics],
            "group_by": grain,
        },
    )
    try:
        return [_row(account.account_id, raw, metrics) for raw in result.get("rows", [])]
    except (ValidationError, KeyError, TypeError, ArithmeticError) as exc:
        raise UpstreamError("The connector returned rows we cannot read.", transient=False) from exc


def _row(account_id: str, raw: dict[str, Any], metrics: list[Metric]) -> MetricRow:
    # str() first: money arrives as JSON numbers; Decimal(float) would keep binary noise.
    values = {m: Decimal(str(raw[m.value])) for m in metrics}
    return MetricRow(
        account_id=account_id,
        date=raw.get("date"),
        campaign_id=raw.get("campaign_id"),
        campaign_name=raw.get("campaign_name"),
        values=values,
    )
