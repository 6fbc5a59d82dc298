"""Webhook receivers for end-to-end tests: a real https server on a free port that checks
every signature on its own (not with our code), a dead one that accepts connections and never
answers, and helpers to raise alerts the way the audit service does."""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import nats
import trustme
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from aya.stack import Stack
from libs.common.budget import BudgetAlert
from libs.common.subjects import Stage, subject
from tests.builders import TEST_CLOCK
from tests.fakes.threaded_server import ThreadedServer, bound_socket


@dataclass
class Delivery:
    """One request the receiver got."""

    headers: dict[str, str]
    body: bytes
    signed: bool

    @property
    def json(self) -> dict[str, Any]:
        """The body, parsed."""
        parsed: dict[str, Any] = json.loads(self.body)
        return parsed


@dataclass
class Receiver:
    """What an https receiver got, and the statuses it answers with (`script` first, then
    200). `secret` is set once the webhook is created (a delivery before that is unsigned)."""

    url: str
    secret: str = ""
    script: list[int] = field(default_factory=list)
    got: list[Delivery] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def app(self) -> Starlette:
        async def hook(request: Request) -> Response:
            body = await request.body()
            headers = {k.lower(): v for k, v in request.headers.items()}
            with self.lock:
                self.got.append(Delivery(headers, body, _signed(self.secret, headers, body)))
                status = self.script.pop(0) if self.script else 200
            return Response(status_code=status)

        return Starlette(routes=[Route("/hook", hook, methods=["POST"])])

    def wait_for(self, count: int, timeout: float = 30) -> list[Delivery]:
        """The first `count` deliveries, once they have come."""
        deadline = time.monotonic() + timeout
        while True:
            with self.lock:
                if len(self.got) >= count:
                    return list(self.got[:count])
            assert time.monotonic() < deadline, f"{len(self.got)} of {count} deliveries came"
            time.sleep(0.05)


def _signed(secret: str, headers: dict[str, str], body: bytes) -> bool:
    """The README's verification, written out independently of the gateway's code."""
    fields = dict(p.split("=", 1) for p in headers.get("aya-signature", "").split(",") if "=" in p)
    if not secret or "t" not in fields or abs(time.time() - int(fields["t"])) > 300:
        return False
    mac = hmac.new(secret.encode(), f"{fields['t']}.".encode() + body, hashlib.sha256)
    return hmac.compare_digest(mac.hexdigest(), fields.get("v1", ""))


@contextmanager
def https_receiver(ca: trustme.CA, tmp: Path, host: str = "127.0.0.1") -> Iterator[Receiver]:
    """A real https receiver with a certificate from the tests' CA (which the gateway trusts)."""
    cert = ca.issue_cert("127.0.0.1", "localhost")
    cert_file, key_file = tmp / "receiver.pem", tmp / "receiver.key"
    cert.cert_chain_pems[0].write_to_path(str(cert_file))
    cert.private_key_pem.write_to_path(str(key_file))
    receiver = Receiver(url="")
    with ThreadedServer(receiver.app(), tls=(str(cert_file), str(key_file))) as server:
        receiver.url = server.url.replace("127.0.0.1", host) + "/hook"
        yield receiver


@dataclass
class DeadReceiver:
    """Accepts TCP connections and never answers (not even the TLS handshake)."""

    url: str
    held: list[socket.socket] = field(default_factory=list)


@contextmanager
def dead_receiver() -> Iterator[DeadReceiver]:
    """A receiver that hangs every connection until the test ends."""
    listener = bound_socket()
    dead = DeadReceiver(url=f"https://127.0.0.1:{listener.getsockname()[1]}/hook")
    stop = threading.Event()

    def accept() -> None:
        listener.settimeout(0.1)
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except TimeoutError:
                continue
            dead.held.append(conn)

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield dead
    finally:
        stop.set()
        thread.join(5)
        for conn in dead.held:
            conn.close()
        listener.close()


def publish_budget_alert(
    stack: Stack, tenant_id: str, kind: str = "threshold", republished: bool = False
) -> BudgetAlert:
    """A budget alert as the audit service publishes it (AUDIT stream, its Nats-Msg-Id);
    `republished`: the same alert again under another message id, as a publish retried after
    the stream's duplicate window would come."""
    assert stack.info is not None
    assert stack.info.nats_ops_url
    today = TEST_CLOCK.today()
    alert = BudgetAlert(
        tenant_id=tenant_id,
        month=today.replace(day=1),
        kind=kind,
        spent_usd_micros=8_500_000,
        budget_usd_micros=10_000_000,
        alert_ratio=0.8,
        raised_at=TEST_CLOCK.now(),
    )

    suffix = ":again" if republished else ""

    async def publish() -> None:
        assert stack.info is not None
        assert stack.info.nats_ops_url
        nc = await nats.connect(stack.info.nats_ops_url)
        try:
            await nc.jetstream().publish(
                subject(tenant_id, Stage.BUDGET_ALERT),
                alert.model_dump_json().encode(),
                headers={"Nats-Msg-Id": f"{tenant_id}:{alert.month}:{kind}{suffix}"},
            )
        finally:
            await nc.close()

    asyncio.run(publish())
    return alert


def wait_until(check: Callable[[], Any], timeout: float = 30, what: str = "condition") -> Any:
    """Poll `check` until it returns something truthy; that value."""
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if value:
            return value
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.1)


def deliveries(client: httpx.Client, tenant_id: str, webhook_id: str) -> list[dict[str, Any]]:
    """A webhook's delivery log (first page), newest first."""
    response = client.get(f"/v1/admin/tenants/{tenant_id}/webhooks/{webhook_id}/deliveries")
    assert response.status_code == 200, response.text
    items: list[dict[str, Any]] = response.json()["items"]
    return items
