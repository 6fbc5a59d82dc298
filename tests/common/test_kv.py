"""A memory KV bucket outlives a nats-server restart: a write that finds the bucket gone
declares it again, so counters and leases go on instead of failing until the process restarts."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator

import pytest
from faststream.nats import NatsBroker
from nats.errors import Error as NatsError
from nats.js.api import KeyValueConfig, StorageType
from nats.js.errors import KeyNotFoundError, NoStreamResponseError

from aya.embedded import EmbeddedNats, start_nats
from libs.common.kv import LastingBucket

pytestmark = pytest.mark.anyio
CONFIG = KeyValueConfig(bucket="lasting", history=1, storage=StorageType.MEMORY)


@pytest.fixture
def own_nats(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EmbeddedNats]:
    """A nats-server of this test's own: it is restarted."""
    server = start_nats(tmp_path_factory.mktemp("kv-nats"))
    yield server
    server.stop()


async def test_a_memory_bucket_lost_in_a_nats_restart_is_declared_again_on_write(
    own_nats: EmbeddedNats,
) -> None:
    broker = NatsBroker(own_nats.url, max_reconnect_attempts=-1, reconnect_time_wait=0.1)
    await broker.connect()
    try:
        bucket = await LastingBucket.open(broker, CONFIG)
        revision = await bucket.create("counter", b"1")
        await bucket.update("counter", b"2", last=revision)
        plain = await broker.config.connection_state.stream.key_value("lasting")
        with own_nats.down():
            pass  # memory streams are not restored
        deadline = time.monotonic() + 20
        while True:  # until the client has reconnected: a plain handle finds no bucket
            try:
                await plain.create("other", b"1")
            except NoStreamResponseError:
                break
            except NatsError:  # not reconnected yet
                assert time.monotonic() < deadline, "the client never reconnected"
                await asyncio.sleep(0.1)
            else:
                pytest.fail("the memory bucket survived the restart")

        with pytest.raises(KeyNotFoundError):
            await bucket.get("counter")  # its keys went with it
        assert await bucket.create("counter", b"1") == 1
        assert (await bucket.get("counter")).value == b"1"
    finally:
        await broker.stop()
