"""Sends due webhook deliveries, in the background of every gateway.

Each tick claims due deliveries (leased with `FOR UPDATE SKIP LOCKED`, so replicas share the
work) up to the free senders, at most `webhook_tenant_concurrency` of one tenant, and sends
each on a task of its own with a per-attempt time limit: a receiver that never answers holds
only its own tenant's senders, never another tenant's deliveries. A delivery is at least once:
a gateway that dies mid-send leaves its lease to lapse and another one sends it again
(receivers deduplicate on `Aya-Delivery`).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import functools
import logging
import ssl
import time
from collections import Counter
from dataclasses import dataclass

import httpx

from libs.common.logs import log_context
from services.gateway.repo import Pool, deliveries
from services.gateway.repo.deliveries import Due
from services.gateway.retry_schedule import RetrySchedule
from services.gateway.settings import GatewaySettings
from services.gateway.signing import (
    DELIVERY_HEADER,
    EVENT_HEADER,
    SIGNATURE_HEADER,
    signature_header,
)
from services.gateway.url_guard import UnsafeUrl, UrlGuard

logger = logging.getLogger(__name__)
USER_AGENT = "AskYourAds-Webhooks/1"


def delivery_client(settings: GatewaySettings) -> httpx.AsyncClient:
    """The HTTP client of deliveries: the system's CAs plus `webhook_ca_file`, no redirects
    (a redirect could lead past the SSRF guard), no kept-alive connections (each attempt
    connects to the address just checked, with the TLS name of its own host)."""
    context = ssl.create_default_context()
    if settings.webhook_ca_file is not None:
        context.load_verify_locations(cafile=str(settings.webhook_ca_file))
    return httpx.AsyncClient(
        verify=context,
        follow_redirects=False,
        timeout=settings.webhook_timeout_seconds,
        limits=httpx.Limits(
            max_connections=settings.webhook_concurrency, max_keepalive_connections=0
        ),
        trust_env=False,
    )


@dataclass(frozen=True)
class Result:
    """How one attempt went."""

    status_code: int | None
    error: str | None
    duration_ms: int

    @property
    def delivered(self) -> bool:
        """A 2xx came back."""
        return self.status_code is not None and 200 <= self.status_code < 300


async def send_once(client: httpx.AsyncClient, guard: UrlGuard, due: Due, seconds: float) -> Result:
    """One signed POST of the delivery's body, to the address the guard has just checked."""
    started = time.perf_counter()

    def result(status: int | None, error: str | None) -> Result:
        return Result(status, error, int((time.perf_counter() - started) * 1000))

    try:
        destination = await guard.check(due.url)
    except UnsafeUrl as exc:
        return result(None, f"refused: {exc.reason}")
    body = due.body.encode()
    url = httpx.URL(due.url)
    headers = {
        "Content-Type": "application/json",
        "User-Agent": USER_AGENT,
        "Host": url.netloc.decode("ascii"),
        SIGNATURE_HEADER: signature_header(due.secret, int(time.time()), body),
        EVENT_HEADER: due.event,
        DELIVERY_HEADER: due.delivery_id,
    }
    try:
        async with (
            asyncio.timeout(seconds),
            client.stream(
                "POST",
                url.copy_with(host=destination.address),
                content=body,
                headers=headers,
                extensions={"sni_hostname": destination.host},
            ) as response,
        ):
            return result(response.status_code, None)  # the body is not read: not needed
    except TimeoutError:
        return result(None, f"no answer within {seconds:g} s")
    except httpx.HTTPError as exc:
        return result(None, f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__)


class WebhookSender:
    """The gateway's senders: `tick()` claims and starts due deliveries; `close()` stops."""

    def __init__(
        self, pool: Pool, settings: GatewaySettings, guard: UrlGuard, client: httpx.AsyncClient
    ) -> None:
        self._pool = pool
        self._settings = settings
        self._guard = guard
        self._client = client
        self._schedule = RetrySchedule(
            settings.webhook_retry_base_seconds, settings.webhook_retry_max_seconds
        )
        self._tasks: set[asyncio.Task[None]] = set()
        self._by_tenant: Counter[str] = Counter()

    async def tick(self) -> None:
        """Claim as many due deliveries as there are free senders and start sending them."""
        settings = self._settings
        free = settings.webhook_concurrency - len(self._tasks)
        if free <= 0:
            return
        busy = [t for t, n in self._by_tenant.items() if n >= settings.webhook_tenant_concurrency]
        # Leased for longer than an attempt can take, so nobody else sends it meanwhile.
        lease = dt.timedelta(seconds=settings.webhook_timeout_seconds * 2 + 30)
        claimed = await deliveries.claim(
            self._pool, free, settings.webhook_tenant_concurrency, busy, lease
        )
        for tenant_id, delivery_id in claimed:
            self._by_tenant[tenant_id] += 1
            task = asyncio.create_task(self._deliver(tenant_id, delivery_id))
            self._tasks.add(task)
            task.add_done_callback(functools.partial(self._finished, tenant_id))

    def _finished(self, tenant_id: str, task: asyncio.Task[None]) -> None:
        self._tasks.discard(task)
        self._by_tenant[tenant_id] -= 1
        if self._by_tenant[tenant_id] <= 0:
            del self._by_tenant[tenant_id]

    async def _deliver(self, tenant_id: str, delivery_id: str) -> None:
        with log_context(tenant_id=tenant_id):
            try:
                due = await deliveries.load(self._pool, tenant_id, delivery_id)
                if due is None:
                    return
                timeout = self._settings.webhook_timeout_seconds
                result = await send_once(self._client, self._guard, due, timeout)
                retry_in = 0.0 if result.delivered else self._schedule.delay(due.attempts + 1)
                state = await deliveries.record_attempt(
                    self._pool,
                    due,
                    status_code=result.status_code,
                    error=result.error,
                    duration_ms=result.duration_ms,
                    outcome="delivered" if result.delivered else "retry",
                    retry_in=retry_in,
                )
            except Exception:  # this delivery's lease lapses and it is tried again
                logger.exception("webhook delivery %s could not be attempted", delivery_id)
                return
            level = logging.INFO if result.delivered else logging.WARNING
            logger.log(
                level,
                "webhook delivery %s attempt %d: %s → %s",
                delivery_id,
                due.attempts + 1,
                result.status_code or result.error,
                state,
            )

    async def close(self) -> None:
        """Stop the sends in progress (their leases lapse; another gateway retries them)."""
        for task in list(self._tasks):
            task.cancel()
        if self._tasks:
            await asyncio.wait(set(self._tasks))
        await self._client.aclose()
