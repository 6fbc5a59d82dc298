"""Bearer auth: who gets in, what each tenant sees, and how tokens are handed out."""

from __future__ import annotations

import json
import subprocess
import sys

import httpx
import pytest
from lmd_support import HEL, NWO, ROOT, Server, call, error_text, mcp_client, server_env

from lemanado_sample.settings import LemanadoSampleSettings

pytestmark = pytest.mark.anyio

_INITIALIZE = {"jsonrpc": "2.0", "id": 1, "method": "tools/list", "params": {}}


@pytest.mark.parametrize("authorization", [None, "Bearer lmd_not-a-real-token", "Basic abc"])
def test_request_without_a_known_token_gets_401_json(
    lemanado_server: Server, authorization: str | None
) -> None:
    headers = {"Accept": "application/json, text/event-stream"}
    if authorization:
        headers["Authorization"] = authorization
    response = httpx.post(lemanado_server.mcp_url, json=_INITIALIZE, headers=headers)
    assert response.status_code == 401
    assert response.headers["www-authenticate"].startswith("Bearer")
    assert response.json()["error"] == "unauthorized"


async def test_each_token_lists_only_its_tenants_accounts(
    lemanado_server: Server, tokens: dict[str, str]
) -> None:
    seen: dict[str, set[str]] = {}
    for tenant_id in (NWO, HEL):
        async with mcp_client(lemanado_server.mcp_url, tokens[tenant_id]) as client:
            listed = await call(client, "list_accounts")
        seen[tenant_id] = {a["account_id"] for a in listed["accounts"]}
    assert seen[NWO]
    assert seen[HEL]
    assert not seen[NWO] & seen[HEL]


@pytest.mark.parametrize("tool", ["list_campaigns", "get_metrics"])
async def test_other_tenants_account_is_indistinguishable_from_unknown(
    lemanado_server: Server, tokens: dict[str, str], tool: str
) -> None:
    def arguments(account_id: str) -> dict[str, object]:
        if tool == "list_campaigns":
            return {"account_id": account_id}
        return {
            "account_id": account_id,
            "start_date": "2026-11-01",
            "end_date": "2026-11-02",
            "metrics": ["spend"],
        }

    async with mcp_client(lemanado_server.mcp_url, tokens[NWO]) as client:
        foreign = await client.call_tool(tool, arguments("li-hel-1"))
        missing = await client.call_tool(tool, arguments("li-xyz-9"))
    assert foreign.is_error
    assert missing.is_error
    assert error_text(foreign) == error_text(missing).replace("li-xyz-9", "li-hel-1")
    assert "Unknown account" in error_text(foreign)


async def test_print_tokens_agrees_with_a_running_server(lemanado_server: Server) -> None:
    printed = subprocess.run(  # noqa: ASYNC221 - a short CLI run before any I/O is awaited
        [sys.executable, "-m", "aya.cli", "lemanado-sample", "--print-tokens"],
        cwd=ROOT,
        env=server_env("2026-11-22"),
        capture_output=True,
        check=True,
        text=True,
    )
    tenants = json.loads(printed.stdout)["tenants"]
    assert {t["id"] for t in tenants} == {NWO, HEL}
    for tenant in tenants:
        assert set(tenant) == {"id", "token", "platforms", "currency", "timezone"}
        async with mcp_client(lemanado_server.mcp_url, tenant["token"]) as client:
            listed = await call(client, "list_accounts")
        platforms = {a["platform"] for a in listed["accounts"]}
        assert platforms == set(tenant["platforms"])
        assert {a["currency"] for a in listed["accounts"]} == {tenant["currency"]}


def test_production_refuses_the_development_secret(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AYA_ENVIRONMENT", "production")
    monkeypatch.delenv("AYA_LEMANADO_SAMPLE_SECRET", raising=False)
    with pytest.raises(ValueError, match="AYA_LEMANADO_SAMPLE_SECRET"):
        LemanadoSampleSettings()
    monkeypatch.setenv("AYA_LEMANADO_SAMPLE_SECRET", "a-real-secret")
    assert LemanadoSampleSettings().secret == "a-real-secret"


def test_cli_reports_invalid_settings_without_echoing_the_secret() -> None:
    env = {**server_env("2026-11-22"), "AYA_ENVIRONMENT": "production"}
    env["AYA_LEMANADO_SAMPLE_SECRET"] = "lemanado-sample-dev-secret"
    done = subprocess.run(
        [sys.executable, "-m", "aya.cli", "lemanado-sample", "--print-tokens"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 2
    assert "AYA_LEMANADO_SAMPLE_SECRET" in done.stderr
    assert "lemanado-sample-dev-secret" not in done.stderr
