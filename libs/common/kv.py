"""KV buckets that outlive a NATS restart.

A bucket on memory storage is gone when nats-server restarts (file-stored streams are restored,
memory ones are not), and a `KeyValue` handle opened before does not bring it back: every write
then fails with "no response from stream" until the process restarts. A `LastingBucket` declares
its bucket again when a write finds no stream, and retries that write once.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Protocol, TypeVar

from faststream.nats import NatsBroker
from nats.js import JetStreamContext
from nats.js.api import KeyValueConfig
from nats.js.errors import NoStreamResponseError
from nats.js.kv import KeyValue

logger = logging.getLogger(__name__)

T = TypeVar("T")


class KvStore(Protocol):
    """The KV operations our counters and leases use (a `KeyValue` has them)."""

    async def get(self, key: str) -> KeyValue.Entry:
        """The key's entry (KeyNotFoundError when there is none)."""
        ...

    async def create(self, key: str, value: bytes) -> int:
        """Write a key that does not exist yet; its revision."""
        ...

    async def update(self, key: str, value: bytes, last: int | None = None) -> int:
        """Write a key if its revision is still `last` (compare-and-set); its new revision."""
        ...


class LastingBucket:
    """A KV bucket declared (again) from its config whenever the server has lost it."""

    def __init__(self, declare: Callable[[], Awaitable[KeyValue]], kv: KeyValue, name: str):
        self._declare = declare
        self._kv = kv
        self.name = name

    @classmethod
    async def open(cls, broker: NatsBroker, config: KeyValueConfig) -> LastingBucket:
        """Declare the bucket (idempotent) on the broker's JetStream and keep its config."""

        async def declare() -> KeyValue:
            # Not `broker.key_value`: FastStream caches the handle and never declares again.
            js: JetStreamContext = broker.config.connection_state.stream
            return await js.create_key_value(config=config)

        return cls(declare, await declare(), config.bucket)

    async def get(self, key: str) -> KeyValue.Entry:
        """The key's entry; a lost bucket reads as a missing key (KeyNotFoundError)."""
        return await self._kv.get(key)

    async def create(self, key: str, value: bytes) -> int:
        """Write a new key."""
        return await self._write(lambda kv: kv.create(key, value))

    async def update(self, key: str, value: bytes, last: int | None = None) -> int:
        """Compare-and-set a key."""
        return await self._write(lambda kv: kv.update(key, value, last=last))

    async def _write(self, write: Callable[[KeyValue], Awaitable[T]]) -> T:
        try:
            return await write(self._kv)
        except NoStreamResponseError:
            logger.warning("KV bucket %s is gone (NATS restarted?); declaring it again", self.name)
            self._kv = await self._declare()
            return await write(self._kv)
