"""Work repeated in the background while a block runs: a service's chores (the retention
sweep), a lease's renewal, a message's in-progress heartbeat.

A failed run is logged and tried again next time, never fatal. The repetition ends by an event
as well as by a cancel: a cancel alone can be lost — Python 3.11's `asyncio.wait_for` (inside
nats-py's requests) swallows one that lands as its awaited reply arrives — and a repetition
that outlives its block would renew a lease or extend a message forever (seen under load).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
from collections.abc import AsyncIterator, Awaitable, Callable

logger = logging.getLogger(__name__)


@contextlib.asynccontextmanager
async def repeating(
    seconds: float,
    action: Callable[[], Awaitable[None]],
    name: str,
    *,
    first_after: float | None = None,
) -> AsyncIterator[None]:
    """Run `action` every `seconds` while the block runs (first after `first_after`, default
    `seconds`); the block's end stops it and waits for a run in progress to finish."""
    done = asyncio.Event()
    task = asyncio.create_task(
        _repeat(done, seconds, action, name, seconds if first_after is None else first_after),
        name=name,
    )
    try:
        yield
    finally:
        done.set()
        task.cancel()
        await asyncio.wait({task})  # a cancel of this block's own task still propagates


async def _repeat(
    done: asyncio.Event,
    seconds: float,
    action: Callable[[], Awaitable[None]],
    name: str,
    wait: float,
) -> None:
    while not await _stopped_within(done, wait):
        try:
            await action()
        except Exception:
            logger.warning("%s failed; trying again in %.1f s", name, seconds, exc_info=True)
        wait = seconds


async def _stopped_within(done: asyncio.Event, seconds: float) -> bool:
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(done.wait(), seconds)
    return done.is_set()


@contextlib.asynccontextmanager
async def running_every(
    seconds: float, chore: Callable[[], Awaitable[None]], name: str
) -> AsyncIterator[None]:
    """Run a service's `chore` every `seconds` while the block runs; replicas started together
    do not run it in lockstep (the first run is jittered)."""
    async with repeating(seconds, chore, name, first_after=random.uniform(0, min(seconds, 5.0))):
        yield
