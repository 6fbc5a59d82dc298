"""What the fault tests share: the model server they count calls on, a steady stream of
questions, and one run of a fault under that stream with everything it is judged by — each
question's final state, answers per question, the model's calls and the ledger's rows."""

from __future__ import annotations

import asyncio
import socket
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import nats
import psycopg
from e2e_support import NWO, audit_backlog

from aya.stack import Stack
from libs.common.subjects import tenant_subjects

ROOT = Path(__file__).resolve().parents[2]
QUESTIONS = (
    "What did we spend on Google Ads last week?",
    "Why did our conversions drop last week?",
    "clicks by platform yesterday",
    "Why did ROAS fall on Meta last week?",
)
"""Asked in turn: even ones take the direct route, odd ones the analysis route."""


@dataclass
class Upstream:
    """`bench/upstream.py` playing vLLM: it keeps each call's X-Request-Id (our call id)."""

    url: str
    process: subprocess.Popen[bytes]

    def request_ids(self) -> list[str]:
        """The X-Request-Id (our call id) of every call it got, in order."""
        ids: list[str] = httpx.get(f"{self.url}/requests", timeout=5).json()
        return ids

    def running(self) -> int:
        """Calls it is answering now (vLLM's gauge)."""
        return self._gauge("vllm:num_requests_running")

    def held(self) -> int:
        """Calls waiting in hold mode (not vLLM's)."""
        return self._gauge("mock_calls_held")

    def _gauge(self, name: str) -> int:
        text = httpx.get(f"{self.url}/metrics", timeout=5).text
        line = next(x for x in text.splitlines() if x.startswith(name))
        return int(float(line.split()[-1]))

    def fault(self, mode: str, **extra: float) -> None:
        """ok, slow (`slow_ms` more per call), fail (503 at once) or hold (until the next)."""
        response = httpx.post(f"{self.url}/fault", json={"mode": mode, **extra}, timeout=5)
        response.raise_for_status()


@contextmanager
def model_server(latency_ms: int) -> Iterator[Upstream]:
    """The upstream on a free port, up until the block ends."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    process = subprocess.Popen(
        [
            *(sys.executable, str(ROOT / "bench" / "upstream.py")),
            *("--port", str(port), "--latency-ms", str(latency_ms)),
        ]
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if httpx.get(f"{url}/health", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert time.monotonic() < deadline, "the upstream never came up"
            time.sleep(0.1)
        yield Upstream(url, process)
    finally:
        process.terminate()
        process.wait(10)


@dataclass
class Stream:
    """Questions sent one after another (async) until stopped: what was accepted, and when."""

    url: str
    key: str
    accepted: list[tuple[float, str]] = field(default_factory=list)
    """(when, query id) of each question accepted (202)."""
    kinds: dict[str, int] = field(default_factory=dict)
    """Query id -> which of QUESTIONS it asked (even: direct, odd: analysis)."""
    refused: Counter[int] = field(default_factory=Counter)
    """Refusals by HTTP status; 0 for no HTTP answer at all (the gateway down or too slow)."""
    sent: int = 0
    """Questions sent so far (counted as each is sent, answered or not yet)."""
    _stop: threading.Event = field(default_factory=threading.Event)

    def run(self) -> None:
        headers = {"Authorization": f"Bearer {self.key}"}
        with httpx.Client(base_url=self.url, headers=headers, timeout=10) as client:
            n = 0
            while not self._stop.is_set():
                question = QUESTIONS[n % len(QUESTIONS)]
                n += 1
                self.sent += 1
                try:
                    response = client.post("/v1/queries", json={"query": question, "mode": "async"})
                except httpx.HTTPError:
                    self.refused[0] += 1  # nothing was accepted
                    time.sleep(0.1)
                    continue
                if response.status_code == 202:
                    self.accepted.append((time.monotonic(), response.json()["id"]))
                    self.kinds[response.json()["id"]] = (n - 1) % 2
                else:
                    self.refused[response.status_code] += 1
                time.sleep(0.1)

    def stop(self) -> None:
        self._stop.set()


def hold(
    stream: Stream,
    seconds: float,
    questions: int = 2,
    met: Callable[[], bool] | None = None,
) -> None:
    """Keep a fault on at least `seconds`, until the stream has sent `questions` more into it,
    and until `met()` holds — the faulted server has met a call. On a busy machine a few
    seconds may see no question sent, or none reach the faulted server yet."""
    start, sent = time.monotonic(), stream.sent
    deadline = start + seconds + 60
    while (
        time.monotonic() < start + seconds
        or stream.sent < sent + questions
        or (met is not None and not met())
    ):
        assert time.monotonic() < deadline, "no question met the fault while it was on"
        time.sleep(0.1)


@dataclass
class Outcome:
    """One fault under the stream, as it ended."""

    stream: Stream
    states: list[str]
    errors: list[dict[str, Any]]
    """The error of each failed question."""
    degraded: int
    """Answers an engine's stand-in (the analyst) gave."""
    doubled: list[str]
    made: list[str]
    """The model's calls during the run, by call id."""
    rows: dict[str, str]
    """The ledger's new vLLM rows: call id -> status."""
    recovery: float
    managed_calls: int = 0
    """Chat requests the managed API (the Mistral fake) got during the run, by its own count."""
    managed_rows: dict[str, str] = field(default_factory=dict)
    """The ledger's new Mistral rows: call id -> status."""

    def interrupted(self) -> list[str]:
        rows = {**self.rows, **self.managed_rows}
        return [c for c, status in rows.items() if status == "interrupted"]

    def figures(self) -> dict[str, Any]:
        """The row of the fault table."""
        return {
            "accepted": len(self.states),
            "answered": self.states.count("answered"),
            "failed": self.states.count("failed"),
            "degraded": self.degraded,
            "refused": sum(self.stream.refused.values()),
            "answered_twice": len(self.doubled),
            "model_calls": len(self.made) + self.managed_calls,
            "ledger_rows": len(self.rows) + len(self.managed_rows),
            "interrupted": len(self.interrupted()),
            "recovery_seconds": round(self.recovery, 1),
        }


Done = Callable[[dict[str, Any]], bool]


def ended(body: dict[str, Any]) -> bool:
    """A question answered or failed: no longer waiting."""
    return body.get("status") in ("answered", "failed")


def under_fault(
    stack: Stack,
    upstream: Upstream,
    fault: Callable[[Stream], float],
    recovered: Done = ended,
    after: float = 4,
    managed: Callable[[], int] | None = None,
) -> Outcome:
    """Start the stream, run `fault` (which returns the moment recovery counts from), wait
    until questions sent after that moment are `recovered` on both paths, go on `after`
    seconds more, then collect the outcome once every question has ended and the ledger has
    settled. Checks what holds for every fault: none left
    pending, none answered twice, every model call in the ledger under its own id, and a row
    the model never saw only as interrupted. With `managed` (the managed API's own count of the
    chat requests it got, for a stack whose chain reaches it), its calls during the run must
    equal the ledger's new Mistral rows: none unbilled, none billed twice."""
    assert stack.info is not None
    key = next(t for t in stack.info.tenants if t["id"] == NWO)["api_key"]
    deadline = time.monotonic() + 60
    while asyncio.run(_in_flight(stack)):  # the fault before this one has settled
        assert time.monotonic() < deadline, "analysis jobs or model-call events still in flight"
        time.sleep(0.5)
    calls_before, rows_before = len(upstream.request_ids()), _model_rows(stack, "vllm").keys()
    managed_before = managed() if managed is not None else 0
    managed_rows_before = _model_rows(stack, "mistral").keys()
    stream = Stream(stack.info.gateway_url, key)
    sender = threading.Thread(target=stream.run, daemon=True)
    sender.start()
    try:
        deadline = time.monotonic() + 30
        while len(stream.accepted) < 10:  # a steady stream is flowing
            assert time.monotonic() < deadline, "questions were not accepted"
            time.sleep(0.1)
        since = fault(stream)
        recovery = _recovery(stack, key, stream, since, recovered)
        while time.monotonic() < since + recovery + after:  # the stream goes on a while
            time.sleep(0.1)
    finally:
        stream.stop()
        sender.join(15)

    ids = [query_id for _, query_id in stream.accepted]
    final = _final_states(stack, key, ids, seconds=120)
    states = [body["status"] for body in final.values()]
    assert states.count("queued") == 0, "a question was left pending"
    held = _answers_held(stack)
    doubled = [q for q in ids if sum(n for s, n in held.items() if s.endswith(q)) > 1]
    assert doubled == []

    # The ledger settles: no job is being answered (a call still running on a busy machine
    # keeps its job unacknowledged), every model-call event the workers published is written,
    # once, and every call announced whose worker died is recorded as interrupted (after its
    # time limit and grace).
    deadline = time.monotonic() + 60
    while asyncio.run(_in_flight(stack)):
        assert time.monotonic() < deadline, "the ledger never settled"
        time.sleep(0.5)
    ledger = _model_rows(stack, "vllm")
    rows = {c: s for c, s in ledger.items() if c not in rows_before}
    # A call the worker gave up on (its time limit) may reach a starved model server later
    # still: wait until every call the ledger says was made has reached it.
    deadline = time.monotonic() + 30
    while True:
        got = upstream.request_ids()
        late = {c for c, status in rows.items() if status != "interrupted"} - set(got)
        if not late:
            break
        assert time.monotonic() < deadline, f"the model never got these calls: {late}"
        time.sleep(0.2)
    made = got[calls_before:]
    assert "" not in made, "a call reached the model without its ledger id"
    assert len(set(got)) == len(got), "one call id was used for two calls"
    unbilled = set(made) - ledger.keys()
    assert unbilled == set(), f"calls the model got are not in the ledger: {unbilled}"
    never_sent = rows.keys() - set(got)
    # A worker killed between announcing a call and sending it: recorded, billed at its
    # ceiling, though the model never saw it (the ledger cannot know it was not sent).
    assert {rows[c] for c in never_sent} <= {"interrupted"}
    errors = [body.get("error") or {} for body in final.values() if body["status"] == "failed"]
    degraded = sum(1 for body in final.values() if body.get("degraded"))
    outcome = Outcome(stream, states, errors, degraded, doubled, made, rows, recovery)
    if managed is not None:
        outcome.managed_rows = {
            c: s for c, s in _model_rows(stack, "mistral").items() if c not in managed_rows_before
        }
        outcome.managed_calls = _managed_calls(managed, managed_before, len(outcome.managed_rows))
    return outcome


def _managed_calls(count: Callable[[], int], before: int, billed: int) -> int:
    """The managed API's calls since `before`, once as many as the ledger `billed` have reached
    it (a call given up on may arrive late); checked equal to them."""
    deadline = time.monotonic() + 30
    while count() - before < billed:
        assert time.monotonic() < deadline, "the managed API never got calls the ledger bills"
        time.sleep(0.2)
    calls = count() - before
    assert calls == billed, f"the managed API got {calls} calls, the ledger bills {billed}"
    return calls


def _recovery(stack: Stack, key: str, stream: Stream, since: float, recovered: Done) -> float:
    """Seconds from `since` until questions sent after it are `recovered` (by default: answered
    or failed) on both paths: a direct one and an analysis one (which goes through every
    service)."""
    assert stack.info is not None
    headers = {"Authorization": f"Bearer {key}"}
    done: dict[int, float] = {}
    with httpx.Client(base_url=stack.info.gateway_url, headers=headers, timeout=5) as client:
        while len(done) < 2:
            assert time.monotonic() < since + 90, "answers never flowed again"
            for sent, query_id in list(stream.accepted):
                kind = stream.kinds[query_id]
                if sent <= since or kind in done:
                    continue
                try:
                    body = client.get(f"/v1/queries/{query_id}").json()
                except httpx.HTTPError:
                    break  # the gateway is down: look again
                if recovered(body):
                    done[kind] = time.monotonic() - since
            time.sleep(0.1)
    return max(done.values())


def _final_states(
    stack: Stack, key: str, ids: list[str], seconds: float
) -> dict[str, dict[str, Any]]:
    """Each question once it is answered or failed (polling), or as it is at the deadline."""
    assert stack.info is not None
    found: dict[str, dict[str, Any]] = {}
    deadline = time.monotonic() + seconds
    with httpx.Client(
        base_url=stack.info.gateway_url, headers={"Authorization": f"Bearer {key}"}, timeout=10
    ) as client:
        while len(found) < len(ids) and time.monotonic() < deadline:
            for query_id in ids:
                if query_id in found:
                    continue
                try:
                    body = client.get(f"/v1/queries/{query_id}").json()
                except httpx.HTTPError:
                    continue
                if body.get("status") in ("answered", "failed"):
                    found[query_id] = body
            time.sleep(0.2)
        for query_id in ids:
            found.setdefault(query_id, {"status": "queued"})
    return found


def _answers_held(stack: Stack) -> dict[str, int]:
    """Answers in the ANSWERS stream per subject (one per question when none is doubled)."""

    async def count() -> dict[str, int]:
        assert stack.info is not None
        assert stack.info.nats_ops_url is not None
        nc = await nats.connect(stack.info.nats_ops_url)
        try:
            info = await nc.jetstream().stream_info("ANSWERS", subjects_filter=tenant_subjects(NWO))
            return dict(info.state.subjects or {})
        finally:
            await nc.close()

    return asyncio.run(count())


async def _in_flight(stack: Stack) -> int:
    """Analysis jobs not yet acked (the ANALYSIS work queue), unwritten model-call events and
    calls announced whose outcome the ledger has not yet recorded."""
    assert stack.info is not None
    assert stack.info.nats_ops_url is not None
    nc = await nats.connect(stack.info.nats_ops_url)
    try:
        jobs = (await nc.jetstream().stream_info("ANALYSIS")).state.messages
    finally:
        await nc.close()
    return int(jobs) + await audit_backlog(stack) + _unsettled(stack)


def _unsettled(stack: Stack) -> int:
    """Calls announced whose outcome is not yet in the ledger (nor recorded as interrupted)."""
    assert stack.postgres is not None
    with psycopg.connect(stack.postgres.admin_url) as conn:
        row = conn.execute("SELECT count(*) FROM calls_in_flight").fetchone()
    return int(row[0]) if row else 0


def analyst_rows(stack: Stack) -> int:
    """The ledger's answers by the analyst: each one a question an engine fault degraded (the
    fault tests' chains end in it only when every model engine failed)."""
    assert stack.postgres is not None
    with psycopg.connect(stack.postgres.admin_url) as conn:
        row = conn.execute("SELECT count(*) FROM model_calls WHERE engine = 'analyst'").fetchone()
        return int(row[0]) if row else 0


def _model_rows(stack: Stack, engine: str) -> dict[str, str]:
    """The ledger's calls to one engine: call id -> status."""
    assert stack.postgres is not None
    with psycopg.connect(stack.postgres.admin_url) as conn:
        rows = conn.execute("SELECT call_id, status FROM model_calls WHERE engine = %s", (engine,))
        return {str(call_id): str(status) for call_id, status in rows.fetchall()}


def print_table(results: dict[str, dict[str, Any]]) -> None:
    """The figures of this run, one fault a line (`pytest -s` shows them)."""
    if not results:
        return
    print(
        "\nfault                   accepted answered degraded failed refused twice  calls"
        " ledger interrupted  recovery s"
    )
    for fault, r in results.items():
        print(
            f"{fault:<23} {r['accepted']:>8} {r['answered']:>8} {r['degraded']:>8} "
            f"{r['failed']:>6} {r['refused']:>7} {r['answered_twice']:>5}  "
            f"{r['model_calls']:>5} {r['ledger_rows']:>6} {r['interrupted']:>11}  "
            f"{r['recovery_seconds']}"
        )
