"""An HTTP reverse proxy on a free port that injects faults in front of any upstream.

It forwards every request (chat completions, SSE streams chunk by chunk, /health,
/metrics) unless a fault is armed for the request's path; faults are consumed in the order
they were armed, each for its next `n` requests:

    with FaultProxy(fake.url) as proxy:
        proxy.rate_limit_next(1, retry_after=2)   # 429 + Retry-After: 2
        proxy.fail_next(2, status=503)            # 503 with a Mistral-style error body
        proxy.delay_next(1, seconds=1.5)          # forwarded after 1.5 s (client timeouts)
        proxy.cut_next(1)                         # connection closed, no response
        proxy.cut_next(1, after_bytes=300)        # response cut after 300 body bytes
        proxy.count("/v1/chat/completions")       # requests seen on that path
        proxy.bodies("/v1/chat/completions")      # their bodies, as the upstream got them

It is written on asyncio streams with h11 rather than on an ASGI server because ASGI cannot
close a connection without answering, which is the fault a dead network produces.
"""

from __future__ import annotations

import asyncio
import json
import threading
from collections import Counter
from dataclasses import dataclass
from types import TracebackType

import h11
import httpx

from tests.fakes.threaded_server import bound_socket

CHAT_PATH = "/v1/chat/completions"
_HOP_BY_HOP = {
    b"connection",
    b"keep-alive",
    b"proxy-connection",
    b"transfer-encoding",
    b"te",
    b"trailer",
    b"upgrade",
    b"host",
}


@dataclass
class _Fault:
    kind: str  # "status" | "delay" | "cut"
    remaining: int
    path: str | None
    status: int = 503
    retry_after: float | None = None
    seconds: float = 0.0
    after_bytes: int | None = None


@dataclass(frozen=True)
class _Incoming:
    method: str
    target: str
    headers: list[tuple[bytes, bytes]]
    body: bytes

    @property
    def path(self) -> str:
        return self.target.split("?", 1)[0]


class FaultProxy:
    """A reverse proxy to `upstream` with faults armed from the test (thread-safe)."""

    def __init__(self, upstream: str, host: str = "127.0.0.1") -> None:
        self.upstream = upstream.rstrip("/")
        self._socket = bound_socket(host)
        self.url = f"http://{host}:{self._socket.getsockname()[1]}"
        self._faults: list[_Fault] = []
        self._seen: Counter[str] = Counter()
        self._bodies: list[tuple[str, bytes]] = []
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._ready = threading.Event()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stopping: asyncio.Event | None = None

    # Faults -----------------------------------------------------------------------------

    def rate_limit_next(self, n: int = 1, retry_after: float = 1.0, path: str = CHAT_PATH) -> None:
        """The next `n` requests get 429 with `Retry-After: retry_after`."""
        self._arm(_Fault("status", n, path, status=429, retry_after=retry_after))

    def fail_next(
        self,
        n: int = 1,
        status: int = 503,
        retry_after: float | None = None,
        path: str | None = CHAT_PATH,
    ) -> None:
        """The next `n` requests get `status` (a Mistral-style error body) without forwarding."""
        self._arm(_Fault("status", n, path, status=status, retry_after=retry_after))

    def delay_next(self, n: int = 1, seconds: float = 1.0, path: str | None = CHAT_PATH) -> None:
        """The next `n` requests wait `seconds` before being forwarded; a request whose client
        gave up meanwhile is dropped, never forwarded late."""
        self._arm(_Fault("delay", n, path, seconds=seconds))

    def cut_next(
        self, n: int = 1, after_bytes: int | None = None, path: str | None = CHAT_PATH
    ) -> None:
        """The next `n` connections are closed: at once (no response at all), or after
        forwarding the status line and `after_bytes` bytes of the upstream's body."""
        self._arm(_Fault("cut", n, path, after_bytes=after_bytes))

    def clear(self) -> None:
        """Pass everything through from now on (armed faults not yet used are dropped)."""
        with self._lock:
            self._faults.clear()

    def reset(self) -> None:
        """Clear the faults, the request counts and the recorded bodies."""
        with self._lock:
            self._faults.clear()
            self._seen.clear()
            self._bodies.clear()

    def bodies(self, path: str = CHAT_PATH) -> list[bytes]:
        """The request bodies seen on `path`, in order (what the upstream was asked)."""
        with self._lock:
            return [body for seen, body in self._bodies if seen == path]

    def count(self, path: str | None = CHAT_PATH) -> int:
        """Requests seen on `path` (faulted ones included); None: on every path."""
        with self._lock:
            return sum(self._seen.values()) if path is None else self._seen[path]

    def armed(self) -> int:
        """Faulted requests still to come."""
        with self._lock:
            return sum(fault.remaining for fault in self._faults)

    def _arm(self, fault: _Fault) -> None:
        with self._lock:
            self._faults.append(fault)

    def _take(self, path: str, body: bytes = b"") -> _Fault | None:
        with self._lock:
            self._seen[path] += 1
            self._bodies.append((path, body))
            for fault in self._faults:
                if fault.remaining > 0 and fault.path in (None, path):
                    fault.remaining -= 1
                    return fault
        return None

    # Lifecycle --------------------------------------------------------------------------

    def start(self, timeout: float = 10.0) -> FaultProxy:
        """Serve on the proxy's own thread and event loop."""
        self._thread.start()
        if not self._ready.wait(timeout):
            raise RuntimeError(f"the proxy at {self.url} did not start")
        return self

    def stop(self) -> None:
        """Close every connection and stop."""
        if self._loop is not None and self._stopping is not None:
            self._loop.call_soon_threadsafe(self._stopping.set)
        self._thread.join(timeout=10)
        self._socket.close()

    def __enter__(self) -> FaultProxy:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    def _run(self) -> None:
        asyncio.run(self._main())

    async def _main(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._stopping = asyncio.Event()
        connections: set[asyncio.Task[None]] = set()
        async with httpx.AsyncClient(base_url=self.upstream, timeout=None) as client:

            async def accept(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
                task = asyncio.current_task()
                assert task is not None
                connections.add(task)
                try:
                    await _Connection(self, client, reader, writer).serve()
                except asyncio.CancelledError:
                    # Only stop() cancels: end quietly (asyncio 3.11 logs a cancelled
                    # connection task as an error), the client sees the connection close.
                    writer.transport.abort()
                finally:
                    connections.discard(task)

            server = await asyncio.start_server(accept, sock=self._socket)
            self._ready.set()
            await self._stopping.wait()
            server.close()
            for task in list(connections):
                task.cancel()
            await asyncio.gather(*connections, return_exceptions=True)


class _Connection:
    """One client connection: HTTP/1.1 requests in turn (keep-alive), each faulted or
    forwarded."""

    def __init__(
        self,
        proxy: FaultProxy,
        client: httpx.AsyncClient,
        reader: asyncio.StreamReader,
        writer: asyncio.StreamWriter,
    ) -> None:
        self._proxy = proxy
        self._client = client
        self._reader = reader
        self._writer = writer
        self._conn = h11.Connection(h11.SERVER)

    async def serve(self) -> None:
        try:
            while True:
                incoming = await self._read_request()
                if incoming is None or not await self._handle(incoming):
                    break
                if self._conn.our_state is not h11.DONE or self._conn.their_state is not h11.DONE:
                    break
                self._conn.start_next_cycle()
        except (ConnectionError, h11.ProtocolError):
            pass  # the client went away or spoke nonsense: nothing to answer
        finally:
            self._writer.close()

    async def _read_request(self) -> _Incoming | None:
        request: h11.Request | None = None
        body = bytearray()
        while True:
            event = self._conn.next_event()
            if event is h11.NEED_DATA:
                self._conn.receive_data(await self._reader.read(65536))
            elif isinstance(event, h11.Request):
                request = event
            elif isinstance(event, h11.Data):
                body += event.data
            elif isinstance(event, h11.EndOfMessage) and request is not None:
                return _Incoming(
                    request.method.decode(),
                    request.target.decode(),
                    list(request.headers),
                    bytes(body),
                )
            elif isinstance(event, h11.ConnectionClosed):
                return None

    async def _handle(self, incoming: _Incoming) -> bool:
        """Answer one request; False when the connection must end."""
        fault = self._proxy._take(incoming.path, incoming.body)
        if fault is None:
            return await self._forward(incoming, cut_after=None)
        if fault.kind == "cut" and fault.after_bytes is None:
            self._writer.transport.abort()
            return False
        if fault.kind == "cut":
            return await self._forward(incoming, cut_after=fault.after_bytes)
        if fault.kind == "delay":
            if await self._client_left_within(fault.seconds):
                return False
            return await self._forward(incoming, cut_after=None)
        await self._error(fault)
        return True

    async def _client_left_within(self, seconds: float) -> bool:
        # The client sends nothing while it waits for an answer, so any read that ends is
        # its end of the connection (a timeout closes it).
        try:
            data = await asyncio.wait_for(self._reader.read(1), seconds)
        except TimeoutError:
            return False
        return not data

    async def _forward(self, incoming: _Incoming, cut_after: int | None) -> bool:
        headers = [(k, v) for k, v in incoming.headers if k.lower() not in _HOP_BY_HOP]
        request = self._client.build_request(
            incoming.method, incoming.target, headers=headers, content=incoming.body
        )
        try:
            response = await self._client.send(request, stream=True)
        except httpx.TransportError:
            await self._send(
                502, [(b"content-type", b"application/json")], b'{"detail":"bad gateway"}'
            )
            return True
        try:
            out = [(k, v) for k, v in response.headers.raw if k.lower() not in _HOP_BY_HOP]
            await self._write(h11.Response(status_code=response.status_code, headers=out))
            sent = 0
            async for data in response.aiter_raw():
                if cut_after is not None and sent + len(data) >= cut_after:
                    await self._write_raw(self._conn.send(h11.Data(data=data[: cut_after - sent])))
                    self._writer.transport.abort()
                    return False
                sent += len(data)
                await self._write(h11.Data(data=data))
            await self._write(h11.EndOfMessage())
        finally:
            await response.aclose()
        return cut_after is None

    async def _error(self, fault: _Fault) -> None:
        kind = "rate_limited" if fault.status == 429 else "service_unavailable"
        body = json.dumps(
            {
                "object": "error",
                "message": kind.replace("_", " "),
                "type": kind,
                "param": None,
                "code": None,
            }
        ).encode()
        headers = [(b"content-type", b"application/json")]
        if fault.retry_after is not None:
            headers.append((b"retry-after", f"{fault.retry_after:g}".encode()))
        await self._send(fault.status, headers, body)

    async def _send(self, status: int, headers: list[tuple[bytes, bytes]], body: bytes) -> None:
        headers = [*headers, (b"content-length", str(len(body)).encode())]
        await self._write(h11.Response(status_code=status, headers=headers))
        await self._write(h11.Data(data=body))
        await self._write(h11.EndOfMessage())

    async def _write(self, event: h11.Event) -> None:
        data = self._conn.send(event)
        if data:
            await self._write_raw(data)

    async def _write_raw(self, data: bytes | None) -> None:
        if data:
            self._writer.write(data)
            await self._writer.drain()
