"""A TCP proxy that injects faults between an HTTP client and its server, for fault tests.

It runs its own event loop in a thread, on a free port. Modes:
- `pass`: bytes go through both ways;
- `slow`: each request is held `delay` seconds before it goes on;
- `fail`: each request is answered by the proxy itself with an HTTP error (`status`), and its
  connection closed; the server never sees it;
- `unreachable`: every open connection is cut (reset) and every new one reset as soon as it
  is accepted.

A request is recognised by its first bytes (an HTTP method): clients here do not pipeline,
so each request starts a read of its own. `faulted` counts the requests (or connections) each
mode acted on, so a test can prove its fault happened.
"""

from __future__ import annotations

import asyncio
import re
import socket
import struct
import threading
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from typing import Literal

Mode = Literal["pass", "slow", "fail", "unreachable"]
_REQUEST = re.compile(rb"^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS) ")
_REASONS = {500: "Internal Server Error", 502: "Bad Gateway", 503: "Service Unavailable"}


class FaultProxy:
    """Listens on 127.0.0.1 (a free port) and forwards to `target_host:target_port`."""

    def __init__(
        self, target_host: str, target_port: int, *, delay: float = 2.0, status: int = 503
    ) -> None:
        self.target = (target_host, target_port)
        self.delay = delay
        self.status = status
        self.mode: Mode = "pass"
        self.faulted: Counter[str] = Counter()
        self._loop = asyncio.new_event_loop()
        self._open: set[asyncio.StreamWriter] = set()
        self._server: asyncio.Server | None = None
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)

    @property
    def port(self) -> int:
        assert self._server is not None
        return int(self._server.sockets[0].getsockname()[1])

    def start(self) -> None:
        """Listen (port 0: the system picks a free one) and serve in the thread."""
        self._thread.start()
        started = asyncio.run_coroutine_threadsafe(
            asyncio.start_server(self._serve, "127.0.0.1", 0), self._loop
        )
        self._server = started.result(10)

    def stop(self) -> None:
        """Close the listener and every connection, then end the thread."""

        async def close() -> None:
            assert self._server is not None
            self._server.close()
            self._cut_all()

        asyncio.run_coroutine_threadsafe(close(), self._loop).result(10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(10)

    def set(self, mode: Mode) -> None:
        """Switch mode; `unreachable` also cuts the connections already open."""
        self.mode = mode
        if mode == "unreachable":
            self._loop.call_soon_threadsafe(self._cut_all)

    def _cut_all(self) -> None:
        for writer in list(self._open):
            _reset(writer)

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        if self.mode == "unreachable":
            self.faulted["unreachable"] += 1
            _reset(writer)
            return
        try:
            up_reader, up_writer = await asyncio.open_connection(*self.target)
        except OSError:
            _reset(writer)
            return
        self._open.update((writer, up_writer))
        try:
            tasks = [
                asyncio.create_task(self._requests(reader, up_writer, writer)),
                asyncio.create_task(_pipe(up_reader, writer)),
            ]
            _, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
            for task in pending:
                task.cancel()
            await asyncio.gather(*pending, return_exceptions=True)
        finally:
            self._open.difference_update((writer, up_writer))
            for each in (writer, up_writer):
                each.close()

    async def _requests(
        self,
        reader: asyncio.StreamReader,
        upstream: asyncio.StreamWriter,
        client: asyncio.StreamWriter,
    ) -> None:
        """Client → server, applying the mode to each request as it starts."""
        try:
            while chunk := await reader.read(65536):
                if _REQUEST.match(chunk):
                    if self.mode == "slow":
                        self.faulted["slow"] += 1
                        await asyncio.sleep(self.delay)  # the fault itself: a slow server
                    if self.mode == "fail":
                        self.faulted["fail"] += 1
                        client.write(_error_response(self.status))
                        await client.drain()
                        return
                    if self.mode == "unreachable":
                        self.faulted["unreachable"] += 1
                        _reset(client)
                        return
                upstream.write(chunk)
                await upstream.drain()
        except (ConnectionError, OSError):
            return


async def _pipe(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    try:
        while chunk := await reader.read(65536):
            writer.write(chunk)
            await writer.drain()
    except (ConnectionError, OSError):
        return


def _error_response(status: int) -> bytes:
    body = b'{"error": "injected by the fault proxy"}'
    head = (
        f"HTTP/1.1 {status} {_REASONS.get(status, 'Error')}\r\n"
        f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n"
        "Connection: close\r\n\r\n"
    )
    return head.encode() + body


def _reset(writer: asyncio.StreamWriter) -> None:
    """Close with a TCP reset (SO_LINGER 0), as a dead host's port does."""
    sock = writer.get_extra_info("socket")
    if sock is not None:
        with suppress(OSError):
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    writer.transport.abort()


@contextmanager
def fault_proxy(
    target_host: str, target_port: int, *, delay: float = 2.0, status: int = 503
) -> Iterator[FaultProxy]:
    """A running proxy to `target_host:target_port`, stopped after the block."""
    proxy = FaultProxy(target_host, target_port, delay=delay, status=status)
    proxy.start()
    try:
        yield proxy
    finally:
        proxy.stop()
