"""Breakdown dimensions: which group a row falls in, what the group is called, how groups sort."""

from __future__ import annotations

from datetime import date, timedelta
from typing import NamedTuple

from libs.common import AccountRef, GroupBy, MetricRow
from services.data_fetch.defaults import TIME_DIMS
from services.data_fetch.display import platform_name


class DimValue(NamedTuple):
    """One row's value on one dimension."""

    identity: tuple[str, ...]
    """What makes two rows the same group (a campaign is its id within its account)."""
    fields: dict[str, str]
    """Output fields for the data row, e.g. {"campaign_id": …, "campaign": …}."""
    sort_key: tuple[str, ...]
    """Chronological for time, alphabetical (case-insensitive) by name otherwise."""


def week_start(day: date) -> date:
    """Monday of the ISO week holding `day` (weeks are labelled by their Monday)."""
    return day - timedelta(days=day.weekday())


def month_key(day: date) -> str:
    """YYYY-MM of `day`."""
    return f"{day.year:04d}-{day.month:02d}"


def time_value(dim: GroupBy, day: date) -> DimValue:
    """The bucket of `day` on a time dimension; ISO strings sort chronologically."""
    if dim is GroupBy.DATE:
        key = day.isoformat()
    elif dim is GroupBy.WEEK:
        key = week_start(day).isoformat()
    elif dim is GroupBy.MONTH:
        key = month_key(day)
    else:
        raise ValueError(f"{dim.value} is not a time dimension")
    return DimValue((key,), {dim.value: key}, (key,))


def dim_value(dim: GroupBy, row: MetricRow, account: AccountRef) -> DimValue:
    """The group of `row` on `dim`; the row must carry the grain (see `check_grain`)."""
    if dim in TIME_DIMS:
        if row.date is None:
            raise ValueError(f"cannot group by {dim.value}: a row has no date")
        return time_value(dim, row.date)
    if dim is GroupBy.CAMPAIGN:
        return _campaign_value(row, account)
    if dim is GroupBy.ACCOUNT:
        fields = {
            "account_id": account.account_id,
            "account": account.name,
            "platform": account.platform.value,
        }
        return DimValue(
            (account.account_id,), fields, (account.name.casefold(), account.account_id)
        )
    name = platform_name(account.platform)
    return DimValue((account.platform.value,), {"platform": account.platform.value}, (name,))


def _campaign_value(row: MetricRow, account: AccountRef) -> DimValue:
    if row.campaign_id is None:
        raise ValueError("cannot group by campaign: a row has no campaign")
    name = row.campaign_name or row.campaign_id
    fields = {"campaign_id": row.campaign_id, "campaign": name, "account_id": account.account_id}
    # Campaign ids are only unique within an account, so the account is part of the identity.
    identity = (account.account_id, row.campaign_id)
    return DimValue(identity, fields, (name.casefold(), *identity))
