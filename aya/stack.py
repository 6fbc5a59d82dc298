"""The embedded stack: NATS, PostgreSQL, the sample connector and every service, supervised.

`aya up` and the end-to-end tests both use this, so what the tests prove is what users run.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import socket
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import httpx

from aya.embedded import EmbeddedNats, EmbeddedPostgres, start_nats, start_postgres
from aya.nats_auth import DEMO_TEAM, NatsPasswords, load, load_or_create, plain_url
from aya.seed import DemoTenant, seed_tenants
from aya.settings import StackSettings
from aya.supervise import Child, Supervisor
from libs.common.db import apply_migrations
from libs.common.nats_users import ServiceUser
from services.gateway.app import MIGRATIONS as GATEWAY_MIGRATIONS
from services.gateway.keys import generate_key

logger = logging.getLogger(__name__)


@dataclass
class StackInfo:
    """What stack.json holds: where everything is and the demo tenants' keys."""

    gateway_url: str
    mcp_url: str
    nats_url: str
    database_url: str
    tenants: list[dict[str, Any]] = field(default_factory=list)
    operator_key: str | None = None
    nats_ops_url: str | None = None
    """`nats_url` with the operations user's credentials (inspection, tests); never a service's."""
    nats_team: dict[str, Any] | None = None
    """The demo internal team's NATS credential: user, password, tenants, inbox prefix."""
    services: dict[str, dict[str, str]] = field(default_factory=dict)
    """Each process's probes and metrics: name → health_url, ready_url, metrics_url."""


@dataclass
class Stack:
    """A running stack; `stop()` takes it down in reverse order."""

    home: Path
    settings: StackSettings
    supervisor: Supervisor = field(default_factory=Supervisor)
    nats: EmbeddedNats | None = None
    postgres: EmbeddedPostgres | None = None
    info: StackInfo | None = None
    gateway_socket: socket.socket | None = None
    ops_sockets: dict[str, socket.socket] = field(default_factory=dict)
    extra_env: dict[str, str] = field(default_factory=dict)
    with_vllm_cpu: bool = False
    vllm_url: str | None = None
    passwords: NatsPasswords | None = None

    @property
    def secrets_dir(self) -> Path:
        """Per-tenant Lemanado secrets (`<dir>/<tenant_id>/<name>`) that credential references
        name; mode 700."""
        return self.home / "lemanado-secrets"

    def start(self, timeout: float = 90.0) -> StackInfo:
        """Start what is not external, seed demo tenants, start services, wait until ready."""
        self.home.mkdir(parents=True, exist_ok=True)
        self.secrets_dir.mkdir(mode=0o700, exist_ok=True)
        logs = self.home / "logs"
        logs.mkdir(exist_ok=True)
        app_url, admin_url = self._database()
        mcp_url, tenants = self._lemanado(logs)
        team = [t.tenant_id for t in tenants]
        nats_url = self._nats(team)
        apply_migrations(admin_url, GATEWAY_MIGRATIONS, "gateway", "aya_app")
        keys = asyncio.run(seed_tenants(app_url, tenants, self._known_keys()))
        credentials = self._write_secret(
            "lemanado-credentials.json", {t.tenant_id: t.lemanado_token for t in tenants}
        )
        operator_key = self._operator_key()
        env = {
            **os.environ,
            **self.extra_env,
            "AYA_OPERATOR_KEYS": json.dumps([operator_key]),
            "AYA_NATS_URL": nats_url,
            "AYA_DATABASE_URL": app_url,
            "AYA_DATABASE_ADMIN_URL": admin_url,
            "AYA_LEMANADO_URL": mcp_url,
            "AYA_LEMANADO_CREDENTIALS_FILE": str(
                self.settings.lemanado_credentials_file or credentials
            ),
            "AYA_LEMANADO_SECRETS_DIR": str(self.secrets_dir),
        }
        if self.with_vllm_cpu:
            env["AYA_VLLM_URL"] = self._start_vllm(logs, timeout)
        gateway_url, services = self._start_services(env, logs)
        for urls in services.values():
            _wait_ready(urls["ready_url"], timeout)
        self.info = StackInfo(
            gateway_url=gateway_url,
            mcp_url=mcp_url,
            nats_url=nats_url,
            database_url=app_url,
            tenants=[_tenant_entry(t, keys[t.tenant_id]) for t in tenants],
            operator_key=operator_key,
            nats_ops_url=self.passwords.url_of(nats_url, ServiceUser.OPS)
            if self.passwords
            else nats_url,
            nats_team=self.passwords.team(team) if self.passwords and team else None,
            services=services,
        )
        self._write_secret("stack.json", asdict(self.info))
        self.supervisor.watch()
        return self.info

    def _nats(self, team: list[str]) -> str:
        """The NATS URL: the external one (with the services' passwords from
        `nats_users_file`, when set), else an embedded server with every user and permission."""
        if self.settings.nats_url:
            if self.settings.nats_users_file is not None:
                self.passwords = load(self.settings.nats_users_file)
            return plain_url(self.settings.nats_url)
        self.passwords = load_or_create(self.home / "nats-users.json")
        self.nats = start_nats(
            self.home / "nats", accounts=self.passwords.config({DEMO_TEAM: team})
        )
        return self.nats.url

    def nats_env(self, user: ServiceUser) -> dict[str, str]:
        """What a process needs to connect to this stack's NATS as `user`."""
        return self.passwords.env_of(user) if self.passwords else {}

    def _database(self) -> tuple[str, str]:
        if self.settings.database_url:
            return self.settings.database_url, (
                self.settings.database_admin_url or self.settings.database_url
            )
        self.postgres = start_postgres(self.home / "postgres")
        return self.postgres.app_url, self.postgres.admin_url

    def _lemanado(self, logs: Path) -> tuple[str, list[DemoTenant]]:
        if self.settings.lemanado_url:
            return self.settings.lemanado_url, []
        from lemanado_sample.auth import tenant_tokens
        from lemanado_sample.catalog import tenants
        from lemanado_sample.settings import LemanadoSampleSettings

        port = _free_port()
        self.supervisor.add(
            Child(
                "lemanado-sample",
                [_aya(), "lemanado-sample", "--port", str(port)],
                {**os.environ, **self.extra_env},
                logs / "lemanado-sample.log",
            )
        )
        _wait_ready(f"http://127.0.0.1:{port}/healthz", 30)
        names = {t.tenant_id: t.name for t in tenants()}
        demo = [
            DemoTenant(t.id, names[t.id], t.timezone, t.currency, t.platforms, t.token)
            for t in tenant_tokens(LemanadoSampleSettings().secret)
        ]
        return f"http://127.0.0.1:{port}/mcp", demo

    def _start_vllm(self, logs: Path, timeout: float) -> str:
        import mistral_common

        from aya.vllm_cpu import prepare_model_dir, vllm_command, vllm_env, vllm_python

        root = Path(__file__).resolve().parent.parent
        python = vllm_python(root)
        if not python.exists():
            raise RuntimeError("the vLLM environment is missing: run `make vllm-env` first")
        tokenizers = Path(mistral_common.__file__).parent / "data"
        model_dir = prepare_model_dir(self.home / "vllm-model", tokenizers)
        port = _free_port()
        self.supervisor.add(
            Child("vllm", vllm_command(python, model_dir, port), vllm_env(), logs / "vllm.log")
        )
        logger.info("starting vLLM on the CPU (about two minutes the first time)")
        self.vllm_url = f"http://127.0.0.1:{port}"
        _wait_ready(f"{self.vllm_url}/health", timeout)
        return self.vllm_url

    def _start_services(
        self, env: dict[str, str], logs: Path
    ) -> tuple[str, dict[str, dict[str, str]]]:
        """Start the gateway on a socket bound here, each worker with its ops endpoints on a
        socket bound here (so the ports are known before the processes start, and kept across
        a restart); return the gateway URL and every process's probe URLs."""
        sock = _listening(self.settings.gateway_host, self.settings.gateway_port or 0)
        self.gateway_socket = sock
        services: dict[str, dict[str, str]] = {}
        for name, service in _workers(self.settings.inference_workers):
            ops = _listening("127.0.0.1", 0)
            self.ops_sockets[name] = ops
            own = {**env, **self.nats_env(ServiceUser(service))}
            command = [_aya(), "serve", service, "--ops-fd", str(ops.fileno())]
            child = Child(name, command, own, logs / f"{name}.log", pass_fds=(ops.fileno(),))
            self.supervisor.add(child)
            services[name] = _probe_urls(_url_of(ops))
        fd = sock.fileno()
        self.supervisor.add(
            Child(
                "gateway",
                [_aya(), "serve", "gateway", "--fd", str(fd)],
                {**env, **self.nats_env(ServiceUser.GATEWAY)},
                logs / "gateway.log",
                pass_fds=(fd,),
            )
        )
        gateway_url = _url_of(sock)
        return gateway_url, {"gateway": _probe_urls(gateway_url), **services}

    def _operator_key(self) -> str:
        """The configured operator key, else the one kept from a previous run, else a new one."""
        configured = [k.get_secret_value() for k in self.settings.operator_keys]
        if configured:
            return configured[0]
        path = self.home / "stack.json"
        if path.exists():
            try:
                kept = json.loads(path.read_text(encoding="utf-8")).get("operator_key")
            except ValueError:
                kept = None
            if isinstance(kept, str) and kept:
                return kept
        return generate_key().plaintext

    def _known_keys(self) -> dict[str, str]:
        path = self.home / "stack.json"
        if not path.exists():
            return {}
        try:
            saved = json.loads(path.read_text(encoding="utf-8"))
            return {t["id"]: t["api_key"] for t in saved.get("tenants", [])}
        except (ValueError, KeyError, TypeError):
            return {}

    def _write_secret(self, name: str, content: Any) -> Path:
        """Write JSON atomically with mode 600 (it holds keys)."""
        path = self.home / name
        tmp = path.with_suffix(".tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(content, handle, indent=2)
        os.replace(tmp, path)
        return path

    def stop(self) -> None:
        """Stop services, then the connector, PostgreSQL and NATS."""
        self.supervisor.stop()
        if self.gateway_socket is not None:
            self.gateway_socket.close()
        for ops in self.ops_sockets.values():
            ops.close()
        if self.postgres is not None:
            self.postgres.stop()
        if self.nats is not None:
            self.nats.stop()


def _workers(inference: int) -> list[tuple[str, str]]:
    """(process name, service) of every worker: `inference` inference processes sharing its
    queues ("inference", "inference-2", …) beside one of each other service."""
    names = ["inference", *(f"inference-{i}" for i in range(2, inference + 1))]
    return [
        ("router", "router"),
        ("data-fetch", "data-fetch"),
        *((name, "inference") for name in names),
        ("audit", "audit"),
    ]


def _listening(host: str, port: int) -> socket.socket:
    """A listening TCP socket a child process can inherit."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.listen(256)
    sock.set_inheritable(True)
    return sock


def _url_of(sock: socket.socket) -> str:
    host, port = sock.getsockname()[:2]
    return f"http://{host}:{port}"


def _probe_urls(base: str) -> dict[str, str]:
    return {
        "health_url": f"{base}/healthz",
        "ready_url": f"{base}/readyz",
        "metrics_url": f"{base}/metrics",
    }


def _tenant_entry(tenant: DemoTenant, api_key: str) -> dict[str, Any]:
    """A demo tenant as stack.json lists it."""
    return {
        "id": tenant.tenant_id,
        "api_key": api_key,
        "lemanado_token": tenant.lemanado_token,
        "platforms": tenant.platforms,
        "currency": tenant.currency,
    }


def _aya() -> str:
    return str(Path(sys.executable).parent / "aya")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_ready(url: str, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    last = "no answer"
    while time.monotonic() < deadline:
        try:
            response = httpx.get(url, timeout=2)
            if response.status_code == 200:
                return
            last = f"{response.status_code} {response.text[:200]}"
        except httpx.HTTPError as exc:
            last = repr(exc)
        time.sleep(0.2)
    raise TimeoutError(f"{url} not ready after {timeout:.0f} s: {last}")
