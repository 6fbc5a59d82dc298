"""The web page at `/`, in a real browser: Debian's Chromium driven by Playwright, against a
stack of its own whose analysis engine streams (a Mistral fake speaking Mistral's wire format,
one word per chunk). Each state a person sees is kept as a screenshot in docs/screenshots/."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from e2e_support import NWO, away_from_minute_end, mistral_env, own_stack
from test_e2e_admin import Tree, api, make_tree, with_data_of

from aya.stack import Stack
from tests.fakes.mistral_fake import MistralFake, Reply

pytestmark = pytest.mark.slow

SHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
CHROMIUM = Path(os.environ.get("AYA_CHROMIUM", "/usr/bin/chromium"))
BRAND = {"primary_color": "#0f766e", "assistant_name": "Northwind Insights"}
TIERS = ("small", "medium", "large")
WAIT_MS = 90_000


def _playwright() -> Any:
    """Playwright's sync API, or a skip (a failure with AYA_REQUIRE_BROWSER=1, as in CI)."""
    required = os.environ.get("AYA_REQUIRE_BROWSER") == "1"
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        message = "playwright is not installed (pip install -e '.[test]')"
    else:
        if CHROMIUM.exists():
            return sync_playwright
        message = f"no Chromium at {CHROMIUM}: run `make browser`"
    if required:
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="module")
def web(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    """A stack whose analysis answers come from a streaming model (a word every 0.25 s)."""
    with (
        MistralFake(default=Reply(chunk_pause=0.25)) as fake,
        own_stack(
            tmp_path_factory.mktemp("web-stack"),
            **mistral_env(fake.url, fake.api_key),
            AYA_TIER_TIMEOUT_SECONDS=json.dumps(dict.fromkeys(TIERS, 60)),
            AYA_SYNC_TIMEOUT_SECONDS="60",
        ) as stack,
    ):
        yield stack


@pytest.fixture(scope="module")
def browser(web: Stack) -> Iterator[Any]:
    """Started after the stack: Playwright's sync API holds an event loop in this thread, and
    the stack's start runs one of its own."""
    with _playwright()() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            # As root and on a closed network: no sandbox, and no calls home.
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        try:
            yield launched
        finally:
            launched.close()


@pytest.fixture
def page(web: Stack, browser: Any) -> Iterator[Any]:
    """A fresh tab on the page; the test fails on any script error or CSP violation."""
    assert web.info is not None
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    tab.on(
        "console", lambda m: errors.append(m.text) if "Content Security Policy" in m.text else None
    )
    tab.goto(web.info.gateway_url)
    yield tab
    context.close()
    assert errors == []


def key_of(stack: Stack, tenant_id: str) -> str:
    assert stack.info is not None
    return str(next(t for t in stack.info.tenants if t["id"] == tenant_id)["api_key"])


def sign_in(page: Any, key: str) -> None:
    """By keyboard, as a person would: type the key, press Enter."""
    page.get_by_label("API key").fill(key)
    page.get_by_label("API key").press("Enter")
    page.get_by_label("Ask about your ads").wait_for()


def ask(page: Any, question: str) -> Any:
    """Type a question, press Enter; the new turn's answer element."""
    before = page.locator("li.turn").count()
    page.get_by_label("Ask about your ads").fill(question)
    page.get_by_label("Ask about your ads").press("Enter")
    return page.locator("li.turn").nth(before).locator("article.answer")


def finished(answer: Any) -> Any:
    answer.and_(answer.page.locator('[aria-busy="false"]')).wait_for(timeout=WAIT_MS)
    return answer


def shot(page: Any, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / name), full_page=True)


def rest_answer(stack: Stack, key: str, question: str) -> dict[str, Any]:
    assert stack.info is not None
    response = httpx.post(
        f"{stack.info.gateway_url}/v1/queries",
        json={"query": question},
        headers={"Authorization": f"Bearer {key}"},
        timeout=90,
    )
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def test_the_page_and_its_files_are_served_under_a_policy_that_allows_only_this_gateway(
    web: Stack,
) -> None:
    assert web.info is not None
    for path in ("/", "/web/app.js", "/web/app.css"):
        response = httpx.get(f"{web.info.gateway_url}{path}", timeout=10)
        assert response.status_code == 200, path
        policy = response.headers["content-security-policy"]
        assert "script-src 'self'" in policy
        assert "connect-src 'self'" in policy
        assert "unsafe" not in policy
    assert httpx.get(f"{web.info.gateway_url}/web/missing.js", timeout=10).status_code == 404


def test_a_wrong_key_is_refused_in_words_a_person_understands(page: Any) -> None:
    page.get_by_label("API key").fill("aya_live_000000000000_not-a-real-key")
    page.get_by_role("button", name="Sign in").click()
    alert = page.locator("#sign-in-error")
    alert.filter(has_text="not recognised").wait_for()
    assert page.locator("#workspace").is_hidden()
    assert page.evaluate("() => sessionStorage.length") == 0
    shot(page, "01-sign-in-refused.png")


def test_signing_in_shows_the_tenants_brand_and_budget_and_keeps_the_key_in_the_tab(
    page: Any, web: Stack
) -> None:
    assert web.info is not None
    with api(web, web.info.operator_key) as operator:
        changed = operator.patch(
            f"/v1/admin/tenants/{NWO}", json={**BRAND, "monthly_budget_usd": 50}
        )
    assert changed.status_code == 200, changed.text
    sign_in(page, key_of(web, NWO))
    assert page.locator("h1").inner_text() == BRAND["assistant_name"]
    assert page.title() == BRAND["assistant_name"]
    header = page.locator("header.brand")
    assert header.evaluate("e => getComputedStyle(e).backgroundColor") == "rgb(15, 118, 110)"
    page.locator("#budget").filter(has_text="of $50.00").wait_for()
    assert page.evaluate("() => [sessionStorage.length, localStorage.length]") == [1, 0]
    shot(page, "02-signed-in.png")


def test_a_direct_question_shows_the_same_numbers_in_its_table_and_chart(
    page: Any, web: Stack
) -> None:
    question = "Daily clicks on Meta last 14 days"
    sign_in(page, key_of(web, NWO))
    answer = finished(ask(page, question))
    expected = rest_answer(web, key_of(web, NWO), question)["data"]["rows"]
    cells = answer.locator("table tbody tr td:nth-child(2)").all_inner_texts()
    assert cells[: len(expected)] == [f"{row['clicks']:,}" for row in expected]
    points = answer.locator("svg.chart polyline").get_attribute("points")
    assert points is not None
    assert len(points.split()) == len(expected) == 14
    assert answer.locator(".tag", has_text="Numbers from your data").count() == 1
    shot(page, "03-direct-answer.png")


def test_an_analysis_streams_in_then_shows_engine_chart_anomalies_and_a_follow_up(
    page: Any, web: Stack
) -> None:
    sign_in(page, key_of(web, NWO))
    answer = ask(page, "Why did our conversions jump last week?")
    streaming = answer.locator(".answer-text.streaming")
    streaming.filter(has_text=re.compile(r"\S+ \S+")).wait_for(timeout=WAIT_MS)
    assert answer.get_attribute("aria-busy") == "true"
    shot(page, "04-streaming.png")
    partial = streaming.inner_text()

    finished(answer)
    final = answer.locator(".answer-text").inner_text()
    assert len(partial) < len(final)
    assert answer.locator(".tag", has_text="Engine: mistral").count() == 1
    assert answer.locator(".tag", has_text="Model: ").count() == 1
    assert answer.locator("svg.chart polyline").count() == 1
    assert answer.locator("svg.chart rect.finding").count() >= 1
    assert answer.locator("ul.findings li").count() >= 1
    assert answer.locator("table.numbers").count() == 1
    shot(page, "05-analysis.png")

    follow_up = finished(ask(page, "and on Google only?"))
    assert follow_up.locator("table.numbers").count() == 1
    assert page.locator("li.turn").count() == 2
    page.locator("#conversations button", has_text="2 questions").wait_for()
    # The usage panel catches up with the ledger: the model calls just made are counted.
    page.locator("#usage-figures dd").nth(1).filter(has_text=re.compile(r"^[1-9]")).wait_for(
        timeout=WAIT_MS
    )
    shot(page, "06-follow-up-and-usage.png")

    listed = page.locator("#conversations button", has_text="2 questions").get_attribute("data-id")
    with api(web, key_of(web, NWO)) as client:
        turns = client.get(f"/v1/conversations/{listed}").json()["turns"]
    assert [t["turn"] for t in turns] == [1, 2]
    assert turns[1]["plan"]["carried_from"] is not None
    assert turns[1]["plan"]["platforms"] == ["google_ads"]  # the follow-up's own narrowing


def fresh_tenant(web: Stack, label: str, **settings: Any) -> Tree:
    return with_data_of(web, make_tree(web, label), NWO, **settings)


def test_over_the_limit_a_person_is_told_when_to_ask_again(page: Any, web: Stack) -> None:
    tree = fresh_tenant(web, "limit", requests_per_minute=6)
    away_from_minute_end(margin=30)
    sign_in(page, tree.keys["client_analyst"])
    error = page.locator("#ask-error")
    for _ in range(6):
        answer = ask(page, "What did we spend on Google Ads last week?")
        answer.and_(page.locator('[aria-busy="false"]')).or_(
            error.filter(has_text="too many")
        ).wait_for(timeout=WAIT_MS)
        if error.inner_text():
            break
    assert re.search(
        r"too many questions this minute\. You can ask again in \d+ seconds?", error.inner_text()
    )
    # The question is kept for the person to send again.
    assert page.get_by_label("Ask about your ads").input_value() != ""
    shot(page, "07-rate-limited.png")


def test_an_answer_over_budget_is_marked_degraded_and_the_budget_shown_used_up(
    page: Any, web: Stack
) -> None:
    tree = fresh_tenant(web, "budget", monthly_budget_usd=0, budget_policy="degrade")
    sign_in(page, tree.keys["client_analyst"])
    answer = finished(ask(page, "Why did our conversions jump last week?"))
    assert answer.locator(".tag.degraded", has_text="budget exhausted").count() == 1
    assert answer.locator(".tag", has_text="Engine: analyst").count() == 1
    page.locator("#budget", has_text="Budget used up").wait_for()
    # The refusal raised the tenant's budget alert, which the page lists (GET /v1/alerts).
    page.locator("#alert-list li", has_text="Budget used up").wait_for(timeout=WAIT_MS)
    shot(page, "08-degraded-over-budget.png")
