"""Failover through the whole stack: a real vLLM server and a faithful Mistral fake, each behind
a fault proxy. Answers keep coming from the next engine, breakers open and close, every engine
down means a degraded analyst answer — and the ledger holds exactly one row per engine call."""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import httpx
import psycopg
import pytest
from e2e_support import NWO, connector_rows, sse_events, sums
from prometheus_client.parser import text_string_to_metric_families

from aya.settings import StackSettings
from aya.stack import Stack
from services.inference.prompt.fit import DATA_START
from tests.builders import TEST_TODAY
from tests.fakes.fault_proxy import FaultProxy
from tests.fakes.mistral_fake import MistralFake, Reply

pytestmark = pytest.mark.slow
QUESTION = "Why did our conversions drop last week?"


@dataclass
class ModelStack:
    """A stack of its own (own NATS and PostgreSQL) whose inference uses both model engines."""

    stack: Stack
    vllm: FaultProxy
    mistral: FaultProxy
    fake: MistralFake
    vllm_model: str
    vllm_small: FaultProxy
    """The small tier's own vLLM pool (the same server behind another proxy)."""

    def ask(self, question: str = QUESTION, **extra: Any) -> dict[str, Any]:
        assert self.stack.info is not None
        key = next(t for t in self.stack.info.tenants if t["id"] == NWO)["api_key"]
        response = httpx.post(
            f"{self.stack.info.gateway_url}/v1/queries",
            json={"query": question, **extra},
            headers={"Authorization": f"Bearer {key}"},
            timeout=120,
        )
        assert response.status_code == 200, response.text
        body: dict[str, Any] = response.json()
        assert body["status"] == "answered", body
        return body

    def ledger(self, query_id: str, expected: int) -> list[dict[str, Any]]:
        """The question's ledger rows once `expected` have arrived (then a beat for strays)."""
        assert self.stack.postgres is not None
        deadline = time.monotonic() + 20
        while True:
            with psycopg.connect(self.stack.postgres.admin_url) as conn:
                rows = conn.execute(
                    "SELECT engine, status, error_code, answered, degraded, input_tokens,"
                    " output_tokens, rationale FROM model_calls WHERE query_id = %s"
                    " ORDER BY started_at",
                    (query_id,),
                ).fetchall()
            if len(rows) >= expected or time.monotonic() > deadline:
                break
            time.sleep(0.2)
        keys = ("engine", "status", "error", "answered", "degraded", "input", "output", "why")
        return [dict(zip(keys, row, strict=True)) for row in rows]


@pytest.fixture(scope="module")
def models(vllm_server: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[ModelStack]:
    with (
        MistralFake() as fake,
        FaultProxy(vllm_server.url) as vllm_proxy,
        FaultProxy(vllm_server.url) as small_pool,
        FaultProxy(fake.url) as mistral_proxy,
    ):
        home: Path = tmp_path_factory.mktemp("model-stack")
        stack = Stack(home, StackSettings(home=home))
        tiers = ("small", "medium", "large")
        stack.extra_env = {
            "AYA_TODAY": TEST_TODAY.isoformat(),
            "AYA_ACK_WAIT_SECONDS": "20",
            "AYA_VLLM_URL": vllm_proxy.url,
            "AYA_VLLM_API_KEY": vllm_server.api_key,
            "AYA_VLLM_TIER_URLS": json.dumps({"small": small_pool.url}),
            "AYA_VLLM_MODELS": json.dumps(dict.fromkeys(tiers, vllm_server.model)),
            "AYA_MISTRAL_API_KEY": fake.api_key or "",
            "AYA_MISTRAL_URL": mistral_proxy.url,
            "AYA_MAX_OUTPUT_TOKENS": json.dumps(dict.fromkeys(tiers, 12)),
            "AYA_ENGINE_ATTEMPTS": "2",
            "AYA_BACKOFF_BASE_SECONDS": "0.05",
            "AYA_BREAKER_FAILURES": "2",
            "AYA_BREAKER_RESET_SECONDS": "4",
            "AYA_TIER_TIMEOUT_SECONDS": json.dumps(dict.fromkeys(tiers, 30)),
            # Each test asks the same question to watch the engines: no answer is kept.
            "AYA_ANSWER_CACHE_SECONDS": "0",
        }
        try:
            stack.start(timeout=120)
            yield ModelStack(stack, vllm_proxy, mistral_proxy, fake, vllm_server.model, small_pool)
        finally:
            stack.stop()


@pytest.fixture(autouse=True)
def _healthy_engines(models: ModelStack) -> None:
    """Each test starts with fresh breakers (a restarted worker) and zeroed proxy counts."""
    models.vllm.reset()
    models.vllm_small.reset()
    models.mistral.reset()
    models.fake.reset()
    models.stack.supervisor.children["inference"].restart()  # breakers live in the worker
    assert models.ask()["engine"] == "vllm"  # answered once the restarted worker consumes
    models.vllm.reset()
    models.mistral.reset()


def test_vllm_answers_when_healthy_and_its_call_is_in_the_ledger(models: ModelStack) -> None:
    body = models.ask()
    assert (body["engine"], body["model"], body["degraded"]) == ("vllm", "aya-tiny-mistral", False)
    assert body["usage"]["output_tokens"] == 12
    rows = models.ledger(body["id"], 1)
    assert [(r["engine"], r["status"], r["answered"]) for r in rows] == [("vllm", "ok", True)]
    assert (rows[0]["input"], rows[0]["output"]) == (
        body["usage"]["input_tokens"],
        body["usage"]["output_tokens"],
    )


def test_a_follow_ups_prompt_carries_the_conversation_so_far(models: ModelStack) -> None:
    first = models.ask("What did we spend on Google last week?")
    models.vllm.fail_next(2, status=503)  # so the Mistral fake gets, and keeps, the request
    models.fake.requests.clear()
    follow = models.ask("why is that so high?", conversation_id=first["conversation_id"])
    assert follow["engine"] == "mistral"
    assert follow["plan"]["platforms"] == ["google_ads"]
    assert follow["data"]["prompt"]["history_turns"] == 1
    messages = models.fake.requests[0]["messages"]
    assert messages[1] == {"role": "user", "content": "What did we spend on Google last week?"}
    assert messages[2]["role"] == "assistant"
    assert first["answer"].startswith(messages[2]["content"].rstrip("…"))
    assert messages[-1] == {"role": "user", "content": "why is that so high?"}
    assert "Earlier questions and answers" in messages[0]["content"]


def test_vllm_failing_falls_over_to_mistral_with_every_attempt_audited(models: ModelStack) -> None:
    models.vllm.fail_next(2, status=503)
    body = models.ask()
    assert body["engine"] == "mistral"
    rows = models.ledger(body["id"], 3)
    assert [(r["engine"], r["status"], r["error"]) for r in rows] == [
        ("vllm", "error", "http_503"),
        ("vllm", "error", "http_503"),
        ("mistral", "ok", None),
    ]
    assert models.vllm.count() == 2
    assert models.mistral.count() == 1
    chain = rows[-1]["why"]["chain"]
    assert [(step["engine"], step["outcome"]) for step in chain] == [
        ("vllm", "failed"),
        ("mistral", "used"),
    ]


def test_open_breaker_skips_vllm_without_a_call_then_closes_after_a_trial(
    models: ModelStack,
) -> None:
    models.vllm.fail_next(2, status=500)
    models.ask()  # two failures: the breaker opens
    assert models.vllm.count() == 2
    skipped = models.ask()
    assert skipped["engine"] == "mistral"
    assert models.vllm.count() == 2  # no third request reached vLLM
    why = models.ledger(skipped["id"], 1)[-1]["why"]["chain"]
    assert why[0] == {"engine": "vllm", "outcome": "skipped", "reason": "circuit open"}
    time.sleep(4.1)  # the breaker's cool-down: the next question is its half-open trial
    recovered = models.ask()
    assert recovered["engine"] == "vllm"


def test_every_engine_down_gets_a_degraded_analyst_answer_and_nothing_is_lost(
    models: ModelStack,
) -> None:
    models.vllm.fail_next(10, status=503)
    models.mistral.fail_next(10, status=503)
    body = models.ask()
    assert (body["engine"], body["degraded"]) == ("analyst", True)
    assert body["degraded_reason"] == "model_engines_unavailable"
    assert "Key observations" in body["answer"]
    rows = models.ledger(body["id"], 5)
    engines = [r["engine"] for r in rows]
    assert engines == ["vllm", "vllm", "mistral", "mistral", "analyst"]
    assert len(rows) == models.vllm.count() + models.mistral.count() + 1
    assert rows[-1]["degraded"] is True


def test_rate_limit_retry_after_is_honoured_before_the_retry(models: ModelStack) -> None:
    models.vllm.fail_next(10, status=503)
    models.mistral.rate_limit_next(1, retry_after=1.5)
    started = time.monotonic()
    body = models.ask()
    assert body["engine"] == "mistral"
    assert time.monotonic() - started >= 1.5
    errors = [r["error"] for r in models.ledger(body["id"], 4) if r["engine"] == "mistral"]
    assert errors == ["http_429", None]


def _tool_messages(fake_requests: list[Any]) -> list[dict[str, Any]]:
    return [m for body in fake_requests for m in body["messages"] if m["role"] == "tool"]


def test_model_tool_call_is_answered_from_the_tenants_own_data(models: ModelStack) -> None:
    models.vllm.fail_next(10, status=503)
    fake = models.fake
    fake.requests.clear()
    fake.script(
        Reply.calling(
            "get_metrics",
            platforms=["google_ads"],
            start_date="2026-11-09",
            end_date="2026-11-15",
            metrics=["spend", "clicks"],
        ),
        Reply(text="Google Ads spend was steady last week."),
    )
    body = models.ask()
    assert body["engine"] == "mistral"
    (tool,) = _tool_messages(fake.requests)
    reply = json.loads(tool["content"])
    expected = sums(connector_rows(models.stack, NWO, ["google_ads"], "2026-11-09", "2026-11-15"))
    (row,) = reply["rows"]
    assert Decimal(str(row["spend"])) == expected["spend"]
    assert row["clicks"] == expected["clicks"]
    rows = models.ledger(body["id"], 4)
    assert [r["engine"] for r in rows if r["status"] == "ok"] == ["mistral", "mistral"]
    # The conversation keeps what the model fetched on the turn.
    assert models.stack.info is not None
    key = next(t for t in models.stack.info.tenants if t["id"] == NWO)["api_key"]
    thread = httpx.get(
        f"{models.stack.info.gateway_url}/v1/conversations/{body['conversation_id']}",
        headers={"Authorization": f"Bearer {key}"},
    ).json()
    (turn,) = thread["turns"]
    assert turn["tool_calls"] == [
        {
            "name": "get_metrics",
            "arguments": {
                "platforms": ["google_ads"],
                "start_date": "2026-11-09",
                "end_date": "2026-11-15",
                "metrics": ["spend", "clicks"],
            },
        }
    ]
    assert turn["input_tokens"] == body["usage"]["input_tokens"]


def test_a_models_own_fetch_leaves_out_the_campaigns_the_tenant_excludes(
    models: ModelStack,
) -> None:
    assert models.stack.info is not None
    rows = connector_rows(
        models.stack, NWO, ["google_ads"], "2026-11-09", "2026-11-15", ["campaign"]
    )
    name = max(rows, key=lambda row: Decimal(str(row["spend"])))["campaign_name"]
    without = sums(r for r in rows if r["campaign_name"] != name)["spend"]
    instructions = f"{models.stack.info.gateway_url}/v1/admin/tenants/{NWO}/instructions"
    operator = {"Authorization": f"Bearer {models.stack.info.operator_key}"}
    assert (
        httpx.put(instructions, json={"exclude_campaigns": [name]}, headers=operator).status_code
        == 200
    )
    try:
        models.vllm.fail_next(10, status=503)
        models.fake.requests.clear()
        models.fake.script(
            Reply.calling(
                "get_metrics",
                platforms=["google_ads"],
                start_date="2026-11-09",
                end_date="2026-11-15",
                metrics=["spend"],
            ),
            Reply(text="Google Ads spend was steady last week."),
        )
        assert models.ask()["engine"] == "mistral"
    finally:
        httpx.put(instructions, json={}, headers=operator)
    (tool,) = _tool_messages(models.fake.requests)
    reply = json.loads(tool["content"])
    (row,) = reply["rows"]  # still one total: summed again without the campaign
    assert Decimal(str(row["spend"])) == without
    assert reply["notes"] == [f"Left out of these figures by your settings: '{name}'."]


def test_model_cannot_choose_another_tenant_in_a_tool_call(models: ModelStack) -> None:
    models.vllm.fail_next(10, status=503)
    fake = models.fake
    fake.requests.clear()
    fake.script(
        Reply.calling(
            "get_metrics",
            tenant_id="helio-analytics",
            start_date="2026-11-09",
            end_date="2026-11-15",
            metrics=["spend"],
        ),
        Reply(text="I could not read that."),
    )
    models.ask()
    (tool,) = _tool_messages(fake.requests)
    reply = json.loads(tool["content"])
    assert reply["error"]["code"] == "invalid_arguments"
    assert "tenant_id" in reply["error"]["message"]
    assert "rows" not in reply or reply["rows"] == []


def _stream(models: ModelStack, question: str) -> list[tuple[str, dict[str, Any]]]:
    assert models.stack.info is not None
    key = next(t for t in models.stack.info.tenants if t["id"] == NWO)["api_key"]
    with httpx.stream(
        "POST",
        f"{models.stack.info.gateway_url}/v1/queries",
        json={"query": question, "mode": "stream"},
        headers={"Authorization": f"Bearer {key}"},
        timeout=120,
    ) as response:
        return sse_events(response)


def test_vllm_answer_streams_token_by_token_with_its_usage(models: ModelStack) -> None:
    events = _stream(models, QUESTION)
    kinds = [kind for kind, _ in events]
    assert kinds[-1] == "answer"
    assert kinds.count("delta") > 1
    final = events[-1][1]
    assert (final["engine"], final["model"]) == ("vllm", "aya-tiny-mistral")
    assert "".join(d["text"] for k, d in events if k == "delta") == final["answer"]
    assert final["usage"]["output_tokens"] == 12
    rows = models.ledger(final["id"], 1)
    assert [(r["engine"], r["output"]) for r in rows] == [("vllm", 12)]


def test_stream_cut_after_text_ends_in_an_error_event_without_fall_over(
    models: ModelStack,
) -> None:
    models.vllm.cut_next(1, after_bytes=600)  # some deltas get through, then the line drops
    events = _stream(models, QUESTION)
    kinds = [kind for kind, _ in events]
    assert "delta" in kinds
    assert kinds[-1] == "error"
    assert events[-1][1]["error"]["code"] == "stream_interrupted"
    assert models.mistral.count() == 0  # the client had seen text: no other engine took over


@pytest.fixture
def policy(models: ModelStack) -> Iterator[Callable[[dict[str, Any]], None]]:
    """Set NWO's model policy as the operator; restored after the test."""
    assert models.stack.info is not None
    url = f"{models.stack.info.gateway_url}/v1/admin/tenants/{NWO}"
    headers = {"Authorization": f"Bearer {models.stack.info.operator_key}"}

    def set_policy(fields: dict[str, Any]) -> None:
        response = httpx.patch(url, json=fields, headers=headers, timeout=30)
        assert response.status_code == 200, response.text

    yield set_policy
    set_policy({"engine_chain": None, "allowed_tiers": ["small", "medium", "large"],
                "model_overrides": {}})  # fmt: skip


def test_tenant_that_forbids_the_managed_api_never_reaches_it(
    models: ModelStack, policy: Callable[[dict[str, Any]], None]
) -> None:
    policy({"engine_chain": ["vllm", "analyst"]})
    models.vllm.fail_next(10, status=503)
    body = models.ask()
    assert (body["engine"], body["degraded"]) == ("analyst", True)
    assert models.mistral.count() == 0


def test_tier_the_tenant_may_not_use_gets_a_degraded_analyst_answer(
    models: ModelStack, policy: Callable[[dict[str, Any]], None]
) -> None:
    policy({"allowed_tiers": ["small"]})
    body = models.ask()  # a diagnosis: medium tier
    assert body["plan"]["tier"] == "medium"
    assert (body["engine"], body["degraded_reason"]) == ("analyst", "tier_not_allowed")
    assert models.vllm.count() + models.mistral.count() == 0


def test_tenant_model_override_is_the_model_called(
    models: ModelStack, policy: Callable[[dict[str, Any]], None]
) -> None:
    policy({"model_overrides": {"mistral": {"medium": "mistral-large-latest"}}})
    models.vllm.fail_next(10, status=503)
    models.fake.requests.clear()
    body = models.ask()
    assert body["engine"] == "mistral"
    assert models.fake.requests[-1]["model"] == "mistral-large-latest"


def test_vllm_is_given_the_analysts_decomposition_and_findings(models: ModelStack) -> None:
    body = models.ask("Why did our ROAS drop last week?")
    assert body["engine"] == "vllm"
    (request,) = [json.loads(b) for b in models.vllm.bodies()]
    data = request["messages"][1]["content"]  # system, data, question
    assert data.startswith("Data for the question")
    body_json = data.split(f"{DATA_START}\n```json\n", 1)[1].split("\n```", 1)[0]
    analysis = json.loads(body_json)["analysis"]
    (roas,) = [d for d in analysis["decomposition"] if d["metric"] == "roas"]
    answered = next(d for d in body["data"]["decomposition"] if d["metric"] == "roas")
    assert (roas["base"], roas["current"]) == (answered["base"], answered["current"])
    outage = next(r for r in analysis["findings"]["rows"] if r[1] == "tracking_outage")
    assert (outage[3], outage[4]) == ("Northwind Outfitters US - Google Ads", "2026-11-10")
    assert outage[0] in roas["explained_by"]
    assert "`analysis` block" in request["messages"][0]["content"]


Samples = dict[tuple[str, tuple[tuple[str, str], ...]], float]


def _inference_samples(models: ModelStack) -> Samples:
    assert models.stack.info is not None
    url = models.stack.info.services["inference"]["metrics_url"]
    found: Samples = {}
    for family in text_string_to_metric_families(httpx.get(url, timeout=10).text):
        for sample in family.samples:
            found[(sample.name, tuple(sorted(sample.labels.items())))] = sample.value
    return found


def _value(
    found: dict[tuple[str, tuple[tuple[str, str], ...]], float], name: str, **labels: str
) -> float:
    return found.get((name, tuple(sorted(labels.items()))), 0.0)


def test_a_vllm_outage_shows_on_the_inference_metrics(models: ModelStack) -> None:
    """The outage that would otherwise move every question to the paid API unseen: vLLM's
    calls turn to errors, the questions fall over to mistral, and vLLM's breaker opens."""
    before = _inference_samples(models)
    models.vllm.fail_next(2, status=500)
    assert models.ask()["engine"] == "mistral"
    after = _inference_samples(models)

    def grew(name: str, **labels: str) -> float:
        return _value(after, name, **labels) - _value(before, name, **labels)

    vllm = {"engine": "vllm", "model": models.vllm_model}
    assert grew("aya_engine_calls_total", **vllm, outcome="http_500") == 2
    mistral = {"engine": "mistral", "model": "mistral-medium-latest"}
    assert grew("aya_engine_calls_total", **mistral, outcome="ok") == 1
    fell = {"from_engine": "vllm", "to_engine": "mistral", "reason": "http_500"}
    assert grew("aya_engine_fallovers_total", **fell) == 1
    assert _value(after, "aya_engine_breaker_state", engine="vllm", tier="medium") == 2  # open
    assert _value(after, "aya_engine_breaker_state", engine="mistral", tier="medium") == 0
    duration = {
        "gen_ai_operation_name": "chat",
        "gen_ai_system": "vllm",
        "gen_ai_request_model": models.vllm_model,
        "error_type": "http_500",
    }
    assert grew("gen_ai_client_operation_duration_seconds_count", **duration) == 2
    tokens = {
        "gen_ai_operation_name": "chat",
        "gen_ai_system": "mistral",
        "gen_ai_request_model": "mistral-medium-latest",
        "gen_ai_token_type": "input",
    }
    assert grew("gen_ai_client_token_usage_count", **tokens) == 1
    assert grew("gen_ai_client_token_usage_sum", **tokens) > 0


SMALL_TIER_QUESTION = "Is our TikTok spend efficient?"


def test_each_tiers_vllm_pool_fails_on_its_own(models: ModelStack) -> None:
    """A tier with a GPU pool of its own (AYA_VLLM_TIER_URLS) keeps answering from it while
    the other pool is down, and each pool has its own breaker."""
    models.vllm.fail_next(10, status=503)  # the shared pool: medium and large
    medium = models.ask()
    assert medium["engine"] == "mistral"
    small = models.ask(SMALL_TIER_QUESTION)
    assert (small["plan"]["tier"], small["engine"]) == ("small", "vllm")
    assert models.vllm_small.count() >= 1
    found = _inference_samples(models)
    assert _value(found, "aya_engine_breaker_state", engine="vllm", tier="medium") == 2
    assert _value(found, "aya_engine_breaker_state", engine="vllm", tier="large") == 2  # same pool
    assert _value(found, "aya_engine_breaker_state", engine="vllm", tier="small") == 0
