"""Which accounts and campaigns a plan covers, and the plain answers when it covers none.

A platform the tenant has not connected, or a name that matches nothing, gets a sentence that
says so, never a table of zeros: zeros would claim a fact ("you spent nothing") we do not know.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from libs.common import (
    MONEY_METRICS,
    AccountRef,
    FetchedRows,
    FilterField,
    GroupBy,
    Metric,
    MetricRow,
    Platform,
    QueryError,
    QueryPlan,
)
from libs.common.presentation import period_label
from services.data_fetch.defaults import TIME_DIMS, answer_metrics, effective_group_by
from services.data_fetch.display import join_names, platform_name

_EXAMPLES_SHOWN = 5


class MixedCurrencyError(QueryError):
    """Money across accounts in different currencies cannot be summed without a rate."""

    code = "mixed_currency"


@dataclass(frozen=True)
class NoData:
    """Why there is nothing to compute: a stable `reason` code and the sentence for the user."""

    reason: str
    message: str


@dataclass(frozen=True)
class Scope:
    """The accounts to fetch, and notes for the answer about what was left out and why."""

    accounts: tuple[AccountRef, ...]
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Filtered:
    """Rows kept by the campaign filters, and notes about filters that matched nothing."""

    fetched: FetchedRows
    notes: tuple[str, ...] = ()


def connector_grain(plan: QueryPlan) -> list[str]:
    """The connector group_by the plan needs: "date" for time breakdowns, "campaign" for
    campaign breakdowns or filters; [] when account totals suffice."""
    group_by = effective_group_by(plan)
    grain = []
    if any(dim in TIME_DIMS for dim in group_by):
        grain.append("date")
    if GroupBy.CAMPAIGN in group_by or _names(plan, FilterField.CAMPAIGN):
        grain.append("campaign")
    return grain


def normalise(text: str) -> str:
    """Casefolded, no accents, spaces or punctuation: "Brand-Search (US)" -> "brandsearchus"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if char.isalnum())


def name_matches(needle: str, name: str) -> bool:
    """True when `needle` occurs in `name`, ignoring case, spacing and punctuation."""
    wanted = normalise(needle)
    return bool(wanted) and wanted in normalise(name)


def currency_of(accounts: Sequence[AccountRef], metrics: Sequence[Metric]) -> str | None:
    """The one currency of `accounts`; raises MixedCurrencyError when money would mix currencies.

    Lemanado gives a tenant one reporting currency, so a mix is a misconfiguration we refuse
    rather than hide; counts-only questions still work across currencies (currency is None).
    """
    currencies = sorted({account.currency for account in accounts})
    if len(currencies) <= 1:
        return currencies[0] if currencies else None
    if not any(metric in MONEY_METRICS for metric in metrics):
        return None
    raise MixedCurrencyError(
        f"These accounts report in different currencies ({', '.join(currencies)}), so their "
        "money figures cannot be added up. Ask about one platform or account at a time."
    )


def resolve_scope(plan: QueryPlan, accounts: Sequence[AccountRef]) -> Scope | NoData:
    """The tenant's accounts the plan covers, or a NoData answer saying why none are."""
    if plan.unsupported and not plan.platforms:
        return NoData("unsupported", _unsupported_sentence(plan.unsupported))
    if not accounts:
        return NoData("no_accounts", "No ad accounts are connected yet, so there is no data.")
    by_platform = _by_platform(plan, accounts)
    if isinstance(by_platform, NoData):
        return by_platform
    chosen, notes = by_platform
    by_name = _by_account_name(plan, chosen)
    if isinstance(by_name, NoData):
        return by_name
    chosen, name_notes = by_name
    try:
        currency_of(chosen, answer_metrics(plan))
    except MixedCurrencyError as exc:
        return NoData(exc.code, exc.message)
    return Scope(accounts=tuple(chosen), notes=(*notes, *name_notes))


def _by_platform(
    plan: QueryPlan, accounts: Sequence[AccountRef]
) -> tuple[list[AccountRef], list[str]] | NoData:
    connected = sorted({account.platform for account in accounts}, key=platform_name)
    wanted = list(dict.fromkeys(plan.platforms)) or connected
    missing = [platform for platform in wanted if platform not in connected]
    present = [platform for platform in wanted if platform in connected]
    connected_names = join_names([platform_name(p) for p in connected])
    if not present:
        return NoData(
            "not_connected",
            f"You have no {_platform_list(missing)} account connected, so there is no data for "
            f"it. Connected: {connected_names}.",
        )
    notes = []
    if missing:
        notes.append(
            f"No {_platform_list(missing)} account is connected, so this covers "
            f"{_platform_list(present)} only."
        )
    if plan.unsupported:
        notes.append(_unsupported_sentence(plan.unsupported))
    return [account for account in accounts if account.platform in present], notes


def _by_account_name(
    plan: QueryPlan, accounts: list[AccountRef]
) -> tuple[list[AccountRef], list[str]] | NoData:
    needles = _names(plan, FilterField.ACCOUNT)
    if not needles:
        return accounts, []
    hits = {n: [a for a in accounts if _account_matches(n, a)] for n in needles}
    chosen = [a for a in accounts if any(a in found for found in hits.values())]
    misses = [needle for needle, found in hits.items() if not found]
    if not chosen:
        names = _some([account.name for account in accounts])
        return NoData(
            "no_account_match",
            f"No account matches {_quoted(misses)}. Your accounts: {names}.",
        )
    notes = [f"No account matches {_quoted(misses)}; it is left out."] if misses else []
    return chosen, notes


def _account_matches(needle: str, account: AccountRef) -> bool:
    return name_matches(needle, account.name) or normalise(needle) == normalise(account.account_id)


def apply_campaign_filters(plan: QueryPlan, fetched: FetchedRows) -> Filtered | NoData:
    """Keep the rows of campaigns the plan names; NoData when no name matches any campaign."""
    needles = _names(plan, FilterField.CAMPAIGN)
    if not needles:
        return Filtered(fetched)
    kept = filter_campaign_rows(plan, fetched)
    matched = {row.campaign_name or row.campaign_id or "" for row in kept.rows}
    misses = [n for n in needles if not any(name_matches(n, name) for name in matched)]
    if len(misses) < len(needles):
        notes = (f"No campaign matches {_quoted(misses)}; it is left out.",) if misses else ()
        return Filtered(kept, notes)
    period = period_label(fetched.date_range.start, fetched.date_range.end, plan.as_of)
    existing = sorted({row.campaign_name or row.campaign_id or "" for row in fetched.rows})
    examples = f" Campaigns with data: {_some(existing)}." if existing else ""
    return NoData(
        "no_campaign_match",
        f"No campaign matching {_quoted(needles)} has data for {period}.{examples}",
    )


def filter_campaign_rows(plan: QueryPlan, fetched: FetchedRows) -> FetchedRows:
    """`fetched` with only the rows of campaigns the plan names (all rows when it names none)."""
    needles = _names(plan, FilterField.CAMPAIGN)
    if not needles:
        return fetched
    if any(row.campaign_id is None for row in fetched.rows):
        raise ValueError("the plan filters campaigns but rows lack campaigns: fetch by campaign")
    kept = [row for row in fetched.rows if any(_campaign_matches(n, row) for n in needles)]
    return fetched.model_copy(update={"rows": kept})


def _campaign_matches(needle: str, row: MetricRow) -> bool:
    return name_matches(needle, row.campaign_name or row.campaign_id or "")


def _names(plan: QueryPlan, field: FilterField) -> list[str]:
    return [f.value for f in plan.filters if f.field is field]


def _platform_list(platforms: Sequence[Platform]) -> str:
    return join_names([platform_name(platform) for platform in platforms])


def _unsupported_sentence(names: Sequence[str]) -> str:
    supported = join_names([platform_name(platform) for platform in Platform])
    asked = join_names([name.title() for name in names])
    return f"We don't support {asked} yet. Supported platforms: {supported}."


def _quoted(names: Sequence[str]) -> str:
    return join_names([f"“{name}”" for name in names], conjunction="or")


def _some(names: Sequence[str]) -> str:
    shown = list(names[:_EXAMPLES_SHOWN])
    rest = len(names) - len(shown)
    return ", ".join(shown) + (f" and {rest} more" if rest else "")
