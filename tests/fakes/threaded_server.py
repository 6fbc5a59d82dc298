"""Serve an ASGI app with uvicorn on a background thread, on a port the OS picks."""

from __future__ import annotations

import socket
import threading
import time
from types import TracebackType

import uvicorn
from starlette.types import ASGIApp


def bound_socket(host: str = "127.0.0.1") -> socket.socket:
    """A listening socket on a free port: bound by us and kept, so no other process can race
    for the port between choosing and serving it."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind((host, 0))
    sock.listen(128)
    return sock


class ThreadedServer:
    """uvicorn on its own thread and event loop; `url` is valid once `start()` returned."""

    def __init__(
        self,
        app: ASGIApp,
        host: str = "127.0.0.1",
        tls: tuple[str, str] | None = None,
    ) -> None:
        """`tls`: (certificate file, key file) to serve https instead of http."""
        self._socket = bound_socket(host)
        port = self._socket.getsockname()[1]
        self.url = f"{'https' if tls else 'http'}://{host}:{port}"
        options = {"ssl_certfile": tls[0], "ssl_keyfile": tls[1]} if tls else {}
        config = uvicorn.Config(
            app, log_level="warning", access_log=False, lifespan="off", **options
        )
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(
            target=self._server.run, kwargs={"sockets": [self._socket]}, daemon=True
        )

    def start(self, timeout: float = 10.0) -> None:
        """Start serving and wait until the server accepts requests."""
        self._thread.start()
        deadline = time.monotonic() + timeout
        while not self._server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError(f"the server at {self.url} did not start")
            time.sleep(0.01)

    def stop(self) -> None:
        """Stop at once: open streams and delayed answers are not waited for."""
        self._server.should_exit = True
        self._server.force_exit = True
        self._thread.join(timeout=10)
        self._socket.close()

    def __enter__(self) -> ThreadedServer:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()
