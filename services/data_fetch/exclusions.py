"""Campaigns a tenant leaves out of its figures (its admin's setting): their rows are dropped
before anything is summed, on every path — direct answers, analysis windows and a model's own
fetches — and the answer says which were left out.

A name matches a campaign when they are equal ignoring case, accents, spaces and punctuation
("Employee Giveaway" leaves out "employee-giveaway", not "Employee Giveaway 2").
"""

from __future__ import annotations

from collections.abc import Sequence

from libs.common import FetchedRows
from services.data_fetch.scope import normalise

GRAIN = "campaign"
"""The connector grain rows need for a campaign to be dropped from them."""


def with_campaigns(grain: Sequence[str], names: Sequence[str]) -> list[str]:
    """`grain` with campaigns added when any are to be left out (totals cannot lose one)."""
    if names and GRAIN not in grain:
        return [*grain, GRAIN]
    return list(grain)


def leave_out(fetched: FetchedRows, names: Sequence[str]) -> tuple[FetchedRows, list[str]]:
    """`fetched` without the named campaigns' rows, and the names of those dropped (as the
    connector names them, sorted)."""
    wanted = {normalise(name) for name in names if normalise(name)}
    if not wanted:
        return fetched, []
    kept, dropped = [], set()
    for row in fetched.rows:
        label = row.campaign_name or row.campaign_id or ""
        if label and normalise(label) in wanted:
            dropped.add(label)
        else:
            kept.append(row)
    return fetched.model_copy(update={"rows": kept}), sorted(dropped)


def note(dropped: Sequence[str]) -> list[str]:
    """The answer's note about what was left out (none when nothing was)."""
    if not dropped:
        return []
    quoted = ", ".join(f"'{name}'" for name in dropped)
    return [f"Left out of these figures by your settings: {quoted}."]
