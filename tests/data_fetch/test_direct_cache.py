"""The direct cache's key and lifetime: another phrasing of the same plan shares the key;
another tenant, account set, exclusion or period does not; a period reaching today is kept
briefly, a closed one as long as the bucket keeps answers."""

from __future__ import annotations

import datetime as dt

from libs.common.rows import AccountRef
from services.data_fetch.direct_cache import direct_digest, lifetime
from services.router import build_plan

TODAY = dt.date(2026, 11, 22)
ACCOUNTS = [
    AccountRef(
        account_id="gads-nwo-1",
        platform="google_ads",
        name="Northwind US",
        currency="USD",
        timezone="America/New_York",
    )
]


def key(question: str, **change: object) -> str:
    args: dict[str, object] = {
        "tenant_id": "northwind-outfitters",
        "plan": build_plan(question, today=TODAY),
        "accounts": ACCOUNTS,
        "excluded": [],
    }
    args.update(change)
    return direct_digest(**args)  # type: ignore[arg-type]


def test_two_phrasings_of_one_plan_share_the_key() -> None:
    assert key("What did we spend on Google Ads last week?") == key("google ads spend last wk pls")


def test_what_changes_the_answer_changes_the_key() -> None:
    question = "What did we spend on Google Ads last week?"
    keys = {
        key(question),
        key(question, tenant_id="helio-analytics"),
        key(question, accounts=[]),
        key(question, excluded=["Brand Search"]),
        key("What did we spend on Google Ads last month?"),
        key("What were our clicks on Google Ads last week?"),
    }
    assert len(keys) == 6


def test_a_period_reaching_today_is_kept_briefly_a_closed_one_by_the_bucket() -> None:
    assert lifetime(build_plan("spend today", today=TODAY), TODAY, 60) == 60
    assert lifetime(build_plan("spend yesterday", today=TODAY), TODAY, 60) == 60
    assert lifetime(build_plan("spend this month", today=TODAY), TODAY, 60) == 60
    assert lifetime(build_plan("spend last month", today=TODAY), TODAY, 60) is None
    # A closed period compared with one that still moves moves too.
    assert lifetime(build_plan("spend last week vs this week", today=TODAY), TODAY, 60) == 60
