"""Session fixtures shared by every test folder: real servers, started once, on free ports.

AYA_TEST_SERVICES chooses where NATS and PostgreSQL come from:
- `embedded` (default): nats-server and PostgreSQL from their wheels, no Docker needed;
- `containers`: testcontainers (needs a Docker engine; not available on every machine).
"""

from __future__ import annotations

import os
import secrets
import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
import trustme

from aya.embedded import prepare_database, start_nats, start_postgres
from aya.nats_auth import DEMO_TEAM, load_or_create
from aya.settings import StackSettings
from aya.stack import Stack
from aya.vllm_cpu import SERVED_MODEL, start_vllm, vllm_python
from lemanado_sample.catalog import tenants
from libs.common.nats_users import ServiceUser
from tests.builders import TEST_TODAY

DEMO_TENANTS = [t.tenant_id for t in tenants()]
"""The sample connector's tenants: the demo team of the session's NATS may ask for them."""
ONE_TENANT_TEAM = "team-helio"
PROBE_TEAM, PROBE_TENANT = "team-probe", "probe-limits"
"""A team whose one tenant tests create with the limits they need (the demo tenants' limits
are shared by the whole session)."""
TEAMS = {DEMO_TEAM: DEMO_TENANTS, ONE_TENANT_TEAM: ["helio-analytics"], PROBE_TEAM: [PROBE_TENANT]}
"""The session NATS's team accounts: the demo team, a team with one tenant only, the probe."""


@dataclass(frozen=True)
class Servers:
    """Where the test session's NATS and PostgreSQL are. `nats_url` carries the operations
    user's credentials (tests inspect and publish freely); `nats_users_file` holds every NATS
    user's password, so a stack on these servers connects each service as its own user."""

    nats_url: str
    database_url: str
    database_admin_url: str
    nats_users_file: Path | None = None


def _containers(stack: ExitStack) -> Servers:
    from testcontainers.community.nats import NatsContainer
    from testcontainers.community.postgres import PostgresContainer

    nats = stack.enter_context(NatsContainer(jetstream=True))
    postgres = stack.enter_context(PostgresContainer("postgres:16", driver=None))
    admin_url, app_url = prepare_database(postgres.get_connection_url())
    return Servers(nats.nats_uri(), app_url, admin_url)


@pytest.fixture(scope="session")
def servers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Servers]:
    """Real NATS (JetStream) and PostgreSQL for this session."""
    mode = os.environ.get("AYA_TEST_SERVICES", "embedded")
    with ExitStack() as stack:
        if mode == "containers":
            yield _containers(stack)
            return
        if mode != "embedded":
            raise pytest.UsageError(f"AYA_TEST_SERVICES must be embedded or containers, not {mode}")
        home = tmp_path_factory.mktemp("servers")
        passwords = load_or_create(home / "nats-users.json", teams=list(TEAMS))
        nats = start_nats(home / "nats", accounts=passwords.config(TEAMS))
        stack.callback(nats.stop)
        postgres = start_postgres(home / "postgres")
        stack.callback(postgres.stop)
        ops_url = passwords.url_of(nats.url, ServiceUser.OPS)
        yield Servers(ops_url, postgres.app_url, postgres.admin_url, home / "nats-users.json")


@pytest.fixture(scope="session")
def webhook_ca() -> trustme.CA:
    """The CA of the tests' https webhook receivers; the stack's gateway trusts it."""
    return trustme.CA()


@pytest.fixture(scope="session")
def stack(
    servers: Servers, tmp_path_factory: pytest.TempPathFactory, webhook_ca: trustme.CA
) -> Iterator[Stack]:
    """The whole system as `aya up` runs it (services as processes), on the session's servers.

    AckWait is short so crash tests see redelivery in seconds, not the default 30 s; webhook
    retries are quick too. The environment is `development`, where webhooks may go to
    loopback: the tests' receivers run on this machine.
    """
    home: Path = tmp_path_factory.mktemp("stack")
    webhook_ca_file = home / "webhook-ca.pem"
    webhook_ca.cert_pem.write_to_path(str(webhook_ca_file))
    settings = StackSettings(
        home=home,
        nats_url=servers.nats_url,
        nats_users_file=servers.nats_users_file,
        database_url=servers.database_url,
        database_admin_url=servers.database_admin_url,
    )
    running = Stack(home, settings)
    running.extra_env = {
        "AYA_TODAY": TEST_TODAY.isoformat(),
        "AYA_ACK_WAIT_SECONDS": "3",
        "AYA_RETRY_BASE_SECONDS": "0.2",
        # Long enough for a loaded 2-core machine (8 s gave 504s under stress-ng), under the
        # tests' 30 s HTTP client timeout so the gateway's own 504 is what a stalled one sees.
        "AYA_SYNC_TIMEOUT_SECONDS": "20",
        "AYA_RETENTION_SWEEP_SECONDS": "1",
        "AYA_TRACE_DIR": str(home / "traces"),
        "AYA_HOME": str(home),
        "AYA_ENVIRONMENT": "development",
        "AYA_WEBHOOK_CA_FILE": str(webhook_ca_file),
        "AYA_WEBHOOK_TIMEOUT_SECONDS": "5",
        "AYA_WEBHOOK_POLL_SECONDS": "0.2",
        "AYA_WEBHOOK_RETRY_BASE_SECONDS": "0.3",
        "AYA_WEBHOOK_RETRY_MAX_SECONDS": "2",
        # The anomaly watch is started by the gateways its tests run, pinned to the day they
        # watch; this one starts none (it would watch their tenants' 2026-11-21).
        "AYA_WATCH_POLL_SECONDS": "0",
    }
    try:
        running.start(timeout=120)
        yield running
    finally:
        running.stop()


@dataclass(frozen=True)
class VllmServer:
    """A real vLLM server (CPU build, tiny Mistral with random weights)."""

    url: str
    model: str
    api_key: str
    """The key the server was started with: /v1 requests without it get 401."""
    log: Path
    """The server's log (what it allocated, e.g. its KV cache)."""
    config: Path
    """The model's config.json."""


VLLM_START_SECONDS = 600
"""How long the vLLM server may take to get ready (80-100 s on two quiet cores; far more on
busy ones)."""


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # The test that first asks for the vLLM server pays its start inside its own time limit
    # (pytest-timeout counts fixture setup): give every such test the start's allowance on top.
    limit = pytest.mark.timeout(VLLM_START_SECONDS + 120)
    for item in items:
        if "vllm_server" in getattr(item, "fixturenames", ()):
            item.add_marker(limit)


@pytest.fixture(scope="session")
def vllm_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[VllmServer]:
    """Started once per session (about 80-100 s on two cores).

    Skipped when the separate vLLM environment (`make vllm-env`) is missing — unless
    AYA_REQUIRE_VLLM=1 (CI), where a missing environment or a server that never gets ready fails.
    """
    root = Path(__file__).resolve().parent.parent
    required = os.environ.get("AYA_REQUIRE_VLLM") == "1"
    if not vllm_python(root).exists():
        message = "the vLLM environment is missing: run `make vllm-env`"
        if required:
            pytest.fail(message)
        pytest.skip(message)
    state = tmp_path_factory.mktemp("vllm")
    port = _free_port()
    log = state / "vllm.log"
    api_key = secrets.token_urlsafe(16)
    process = start_vllm(root, state, port, log, api_key=api_key)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_for(process, f"{url}/health", log, timeout=VLLM_START_SECONDS)
        yield VllmServer(url, SERVED_MODEL, api_key, log, state / "tiny-mistral" / "config.json")
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_for(process: subprocess.Popen[bytes], url: str, log: Path, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            tail = log.read_text(errors="replace")[-3000:]
            pytest.fail(f"vLLM exited with {process.returncode}:\n{tail}")
        try:
            if httpx.get(url, timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(1)
    pytest.fail(f"vLLM not ready after {timeout:.0f} s")


@pytest.fixture
def anyio_backend() -> str:
    """Async tests run on asyncio (what the services use)."""
    return "asyncio"
