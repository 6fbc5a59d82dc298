"""What per-tenant limits add to an analysis job: a budget hold per model call (NATS
request-reply to the audit service, one PostgreSQL transaction under the tenant's advisory
lock) and a fair-share lease per job (compare-and-set in NATS KV, taken and given back).

Starts embedded NATS and PostgreSQL and the audit service as a process, then times N holds one
after another, N holds of one tenant from 16 concurrent callers, and N lease take/give-backs.
Run: .venv/bin/python bench/bench_tenant_limits.py [--n 500]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import time
import uuid

import nats
from embedded_audit import audit_on_embedded_servers

from libs.common.budget import BudgetPolicy, HoldReply, HoldRequest
from libs.common.subjects import Stage, subject
from services.inference.fairshare import TenantSlots

TENANT = "bench-tenant"


def _request() -> bytes:
    hold = HoldRequest(
        query_id=str(uuid.uuid4()),
        engine="mistral",
        model="mistral-medium-latest",
        input_tokens=3_500,
        max_output_tokens=700,
        max_seconds=45,
        budget=BudgetPolicy(monthly_usd_micros=10**15),
    )
    return hold.model_dump_json().encode()


def _percentiles(samples: list[float]) -> str:
    ordered = sorted(samples)
    cut = statistics.quantiles(ordered, n=100)
    return f"p50 {cut[49]:.2f} ms, p95 {cut[94]:.2f} ms, p99 {cut[98]:.2f} ms (n={len(samples)})"


async def _holds(url: str, n: int) -> None:
    nc = await nats.connect(url)
    target = subject(TENANT, Stage.BUDGET_HOLD)
    for _ in range(20):  # warm up: pool connections, plans
        await nc.request(target, _request(), timeout=10)
    samples = []
    for _ in range(n):
        started = time.perf_counter()
        reply = HoldReply.model_validate_json(
            (await nc.request(target, _request(), timeout=10)).data
        )
        samples.append((time.perf_counter() - started) * 1000)
        assert reply.granted, reply
    print(f"budget hold, one at a time:          {_percentiles(samples)}")

    async def one() -> None:
        await nc.request(target, _request(), timeout=30)

    started = time.perf_counter()
    for _ in range(n // 16):
        await asyncio.gather(*(one() for _ in range(16)))
    elapsed = time.perf_counter() - started
    total = (n // 16) * 16
    print(f"budget holds, 16 callers, one tenant: {total / elapsed:,.0f} holds/s ({total} holds)")
    await nc.close()


async def _leases(url: str, n: int) -> None:
    nc = await nats.connect(url)
    kv = await nc.jetstream().create_key_value(bucket="bench_slots", history=1)
    slots = TenantSlots(kv, lease_seconds=30, poll_seconds=0.05)
    samples = []
    for _ in range(n):
        started = time.perf_counter()
        lease = await slots.acquire(TENANT, 4)
        await slots.release(TENANT, lease)
        samples.append((time.perf_counter() - started) * 1000)
    print(f"fair-share lease, take + give back:   {_percentiles(samples)}")
    await nc.close()


def main() -> None:
    """Start the parts and print the figures."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=500)
    n = parser.parse_args().n
    with audit_on_embedded_servers() as servers:
        asyncio.run(_holds(servers.nats_url, n))
        asyncio.run(_leases(servers.nats_url, n))


if __name__ == "__main__":
    main()
