"""The NATS door fuzzed with hypothesis-generated messages (a bounded, seeded run of at least
1,000): bytes, any JSON, and question-shaped objects with odd fields, texts and modes, on both
ask subjects. Every message gets a reply in the documented shape — REST's status in
`Aya-Status`, an error body for every refusal, never a 500 — and the gateway stays ready."""

from __future__ import annotations

import asyncio
import json
from collections import Counter
from collections.abc import Iterator
from typing import Any

import httpx
import nats
import pytest
from conftest import PROBE_TEAM, PROBE_TENANT
from e2e_support import ensure_probe_tenant
from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st
from nats.aio.client import Client as NatsClient

from aya.stack import Stack
from libs.common.subjects import AskForm, ask_subject

pytestmark = [pytest.mark.slow, pytest.mark.timeout(400)]
EXAMPLES = 1_000
DOCUMENTED = {200, 202, 400, 404, 409, 413, 422, 429}

_json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=40),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner),
    max_leaves=8,
)
_questions = st.fixed_dictionaries(
    {"query": st.one_of(st.text(max_size=2_100), _json_values)},
    optional={
        "mode": st.one_of(st.sampled_from(["sync", "async", "stream", "SYNC", ""]), _json_values),
        "policy": _json_values,
        "conversation": _json_values,
    },
)
PAYLOADS = st.one_of(
    st.binary(max_size=400),
    _json_values.map(lambda value: json.dumps(value).encode()),
    _questions.map(lambda value: json.dumps(value).encode()),
    _questions.map(lambda value: json.dumps(value, ensure_ascii=False).encode()),
)


class Door:
    """One team connection on its own event loop, for hypothesis's synchronous examples."""

    def __init__(self, stack: Stack) -> None:
        assert stack.passwords is not None
        assert stack.info is not None
        self.loop = asyncio.new_event_loop()
        self.nc: NatsClient = self.loop.run_until_complete(
            nats.connect(
                stack.info.nats_url, user=PROBE_TEAM, password=stack.passwords.by_user[PROBE_TEAM]
            )
        )
        self.statuses: Counter[int] = Counter()

    def ask(self, form: AskForm, payload: bytes) -> tuple[int, Any]:
        reply = self.loop.run_until_complete(
            self.nc.request(ask_subject(PROBE_TENANT, form), payload, timeout=30)
        )
        status = int((reply.headers or {})["Aya-Status"])
        self.statuses[status] += 1
        return status, json.loads(reply.data)

    def close(self) -> None:
        self.loop.run_until_complete(self.nc.close())
        self.loop.close()


@pytest.fixture(scope="module")
def door(stack: Stack) -> Iterator[Door]:
    ensure_probe_tenant(stack, PROBE_TENANT)
    opened = Door(stack)
    try:
        yield opened
    finally:
        opened.close()


@seed(20261130)
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(payload=PAYLOADS, form=st.sampled_from(list(AskForm)))
def _fuzz(door: Door, payload: bytes, form: AskForm) -> None:
    status, body = door.ask(form, payload)
    assert status in DOCUMENTED, (status, body, payload)
    if status >= 400:
        assert set(body) >= {"error"}, body
        assert set(body["error"]) == {"code", "message"}, body
        assert isinstance(body["error"]["message"], str)
        assert body["error"]["message"]
    else:
        assert body["id"], body
        assert body["status"] in {"queued", "answered", "failed"}, body


def test_fuzzed_messages_all_get_documented_replies(stack: Stack, door: Door) -> None:
    _fuzz(door)
    assert sum(door.statuses.values()) >= EXAMPLES
    # The run reached every layer: parsing, validation and the tenant's limits.
    assert {400, 422, 429} <= set(door.statuses), door.statuses
    assert stack.info is not None
    assert httpx.get(f"{stack.info.gateway_url}/readyz", timeout=10).status_code == 200
