"""Background chores of a service (e.g. the retention sweep): run every so often until the
service stops; a failed run is logged and tried again next time, never fatal."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
from collections.abc import AsyncIterator, Awaitable, Callable

logger = logging.getLogger(__name__)


async def _every(seconds: float, chore: Callable[[], Awaitable[None]], name: str) -> None:
    # Replicas started together should not sweep in lockstep: the first run is jittered.
    await asyncio.sleep(random.uniform(0, min(seconds, 5.0)))
    while True:
        try:
            await chore()
        except Exception:
            logger.exception("%s failed; retrying in %.0f s", name, seconds)
        await asyncio.sleep(seconds)


@contextlib.asynccontextmanager
async def running_every(
    seconds: float, chore: Callable[[], Awaitable[None]], name: str
) -> AsyncIterator[None]:
    """Run `chore` every `seconds` while the block runs."""
    task = asyncio.create_task(_every(seconds, chore, name), name=name)
    try:
        yield
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
