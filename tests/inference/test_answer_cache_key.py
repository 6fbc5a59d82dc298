"""The answer cache's key: the same request shares it; any change the answer depends on
(tenant, prompt, data, tools, models, output limit) makes another."""

from __future__ import annotations

from services.inference.request_digest import request_digest

MESSAGES = [
    {"role": "system", "content": "You are Ask Your Ads."},
    {"role": "user", "content": '<<<DATA {"totals": {"spend": 4210.55}} DATA>>>'},
    {"role": "user", "content": "Why did ROAS drop last week?"},
]
MODELS = [("vllm", "mistral-small"), ("mistral", "mistral-small-latest")]


def digest(**change: object) -> str:
    request: dict[str, object] = {
        "tenant_id": "northwind-outfitters",
        "messages": MESSAGES,
        "tools": None,
        "models": MODELS,
        "max_output_tokens": 700,
    }
    request.update(change)
    return request_digest(**request)  # type: ignore[arg-type]


def test_the_same_request_has_the_same_key_every_time() -> None:
    assert digest() == digest() == digest(messages=[dict(m) for m in MESSAGES])
    assert len(digest()) == 64


def test_every_part_the_answer_depends_on_changes_the_key() -> None:
    other_data = [
        MESSAGES[0],
        {"role": "user", "content": MESSAGES[1]["content"] + " "},
        MESSAGES[2],
    ]
    other_question = [*MESSAGES[:2], {"role": "user", "content": "Why did ROAS rise last week?"}]
    tool = {"type": "function", "function": {"name": "get_metrics", "parameters": {}}}
    keys = {
        digest(),
        digest(tenant_id="helio-analytics"),
        digest(messages=other_data),
        digest(messages=other_question),
        digest(tools=[tool]),
        digest(models=MODELS[::-1]),
        digest(models=[("vllm", "mistral-large")]),
        digest(max_output_tokens=300),
    }
    assert len(keys) == 8
