"""Write throughput of the audit ledger: events published to JetStream until each is a row.

Starts embedded NATS and PostgreSQL and the audit service as a process, publishes N
`audit.model_call` events as fast as JetStream acks them, and times until all N rows are in the
ledger (ack after commit, one transaction per event).
Run: .venv/bin/python bench/bench_ledger.py [--n 2000]
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import time
import uuid

import nats
import psycopg
from embedded_audit import audit_on_embedded_servers

from libs.common.envelope import Envelope
from libs.common.model_call import CallStatus, ModelCall, Rationale
from libs.common.subjects import Stage, subject
from libs.common.vocab import Intent, Tier

TENANT = "bench-tenant"


def _event(n: int) -> bytes:
    now = dt.datetime.now(dt.UTC)
    call = ModelCall(
        call_id=str(uuid.uuid4()),
        query_id=str(uuid.uuid4()),
        tenant_id=TENANT,
        principal="k",
        engine="mistral",
        model="mistral-medium-latest",
        tier=Tier.MEDIUM,
        started_at=now,
        finished_at=now + dt.timedelta(seconds=1),
        input_tokens=1000 + n,
        output_tokens=200,
        status=CallStatus.OK,
        answered=True,
        rationale=Rationale(intent=Intent.DIAGNOSIS, tier=Tier.MEDIUM),
    )
    envelope = Envelope[ModelCall](
        query_id=call.query_id, tenant_id=TENANT, principal="k", submitted_at=now, body=call
    )
    return envelope.model_dump_json().encode()


async def _publish(url: str, events: list[bytes]) -> float:
    nc = await nats.connect(url)
    js = nc.jetstream()
    started = time.perf_counter()
    for i, data in enumerate(events):
        await js.publish(
            subject(TENANT, Stage.AUDIT_MODEL_CALL), data, headers={"Nats-Msg-Id": str(i)}
        )
    elapsed = time.perf_counter() - started
    await nc.close()
    return elapsed


def main() -> None:
    """Start the parts, publish, wait for the rows, print throughput."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=2000)
    n = parser.parse_args().n
    events = [_event(i) for i in range(n)]
    with audit_on_embedded_servers() as servers:
        started = time.perf_counter()
        publish_seconds = asyncio.run(_publish(servers.nats_url, events))
        with psycopg.connect(servers.admin_url) as conn:
            while True:
                row = conn.execute("SELECT count(*) FROM model_calls").fetchone()
                if row and row[0] >= n:
                    break
                time.sleep(0.05)
        total = time.perf_counter() - started
    rate = n / publish_seconds
    print(f"published {n} events in {publish_seconds:.2f} s ({rate:,.0f}/s, acked, fsync always)")
    print(f"ledger rows committed: {n} in {total:.2f} s -> {n / total:,.0f} rows/s end to end")


if __name__ == "__main__":
    main()
