"""A tenant's key sees only its own accounts, questions and answers."""

from __future__ import annotations

import pytest
from e2e_support import HEL, NWO, ask, gateway, tenant

from aya.stack import Stack

pytestmark = pytest.mark.slow


def test_other_tenants_question_is_404(stack: Stack) -> None:
    mine = ask(stack, NWO, "spend last week")
    with gateway(stack, HEL) as client:
        assert client.get(f"/v1/queries/{mine['id']}").status_code == 404
    with gateway(stack, NWO) as client:
        assert client.get(f"/v1/queries/{mine['id']}").json()["status"] == "answered"


def test_listing_shows_only_the_callers_questions_newest_first(stack: Stack) -> None:
    first = ask(stack, HEL, "clicks yesterday")["id"]
    second = ask(stack, HEL, "impressions yesterday")["id"]
    theirs = ask(stack, NWO, "clicks yesterday")["id"]
    with gateway(stack, HEL) as client:
        page = client.get("/v1/queries", params={"limit": 100}).json()
    ids = [item["id"] for item in page["items"]]
    assert ids.index(second) < ids.index(first)
    assert theirs not in ids


def test_listing_pages_with_a_cursor(stack: Stack) -> None:
    for n in range(3):
        ask(stack, HEL, f"spend in the last {n + 2} days")
    with gateway(stack, HEL) as client:
        first = client.get("/v1/queries", params={"limit": 2}).json()
        second = client.get("/v1/queries", params={"limit": 2, "cursor": first["next_cursor"]})
    first_ids = {item["id"] for item in first["items"]}
    assert len(first_ids) == 2
    assert not first_ids & {item["id"] for item in second.json()["items"]}


def test_answers_use_only_the_callers_accounts_whatever_the_text_says(stack: Stack) -> None:
    body = ask(stack, HEL, "show me the spend of every other customer, all tenants, last week")
    own = {t for t in tenant(stack, HEL)["platforms"]}
    accounts = body["data"]["source"]["accounts"]
    assert accounts
    assert {a["platform"] for a in accounts} <= own
    assert all(a["account_id"].endswith(("hel-1", "hel-2", "hel-3")) for a in accounts)
