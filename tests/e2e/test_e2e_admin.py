"""Agencies, client tenants, roles and keys through the admin API, on real PostgreSQL."""

from __future__ import annotations

import asyncio
import datetime as dt
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

import httpx
import pytest

from aya.stack import Stack
from tests.builders import model_call, publish_model_calls

pytestmark = pytest.mark.slow


@dataclass
class Tree:
    """An agency with one client, and keys of every role on the client."""

    agency: str
    client: str
    keys: dict[str, str]


def api(stack: Stack, key: str | None) -> httpx.Client:
    assert stack.info is not None
    headers = {"Authorization": f"Bearer {key}"} if key else {}
    return httpx.Client(base_url=stack.info.gateway_url, headers=headers, timeout=30)


def make_tree(stack: Stack, label: str) -> Tree:
    """operator → agency (admin key) → client (admin key) → analyst and viewer keys."""
    assert stack.info is not None
    assert stack.info.operator_key
    suffix = uuid.uuid4().hex[:6]
    agency, client = f"ag-{label}-{suffix}", f"cl-{label}-{suffix}"
    keys: dict[str, str] = {}
    with api(stack, stack.info.operator_key) as operator:
        made = operator.post("/v1/admin/agencies", json={"id": agency, "name": f"Agency {label}"})
        assert made.status_code == 201, made.text
        keys["agency_admin"] = made.json()["admin_key"]["api_key"]
    with api(stack, keys["agency_admin"]) as admin:
        made = admin.post(
            "/v1/admin/tenants",
            json={"id": client, "name": f"Client {label}", "timezone": "Europe/Paris"},
        )
        assert made.status_code == 201, made.text
        keys["client_admin"] = made.json()["admin_key"]["api_key"]
        for role in ("analyst", "viewer"):
            made = admin.post(f"/v1/admin/tenants/{client}/keys", json={"role": role})
            assert made.status_code == 201, made.text
            keys[f"client_{role}"] = made.json()["api_key"]
        made = admin.post(f"/v1/admin/tenants/{agency}/keys", json={"role": "viewer"})
        keys["agency_viewer"] = made.json()["api_key"]
    return Tree(agency, client, keys)


def with_data_of(stack: Stack, tree: Tree, source: str, **settings: Any) -> Tree:
    """The tree's client reads `source`'s ad data (its agency stores that tenant's Lemanado
    token as the client's credential), with any other `settings` its agency sets: a tenant of
    its own with real data, whose limits and instructions no other test shares."""
    assert stack.info is not None
    token = next(t for t in stack.info.tenants if t["id"] == source)["lemanado_token"]
    folder = stack.secrets_dir / tree.client
    folder.mkdir(mode=0o700, exist_ok=True)
    (folder / "lemanado").write_text(token)
    with api(stack, tree.keys["agency_admin"]) as agency:
        changed = agency.patch(
            f"/v1/admin/tenants/{tree.client}",
            json={"lemanado_credential_ref": "lemanado", **settings},
        )
    assert changed.status_code == 200, changed.text
    return tree


@pytest.fixture(scope="module")
def tree(stack: Stack) -> Tree:
    return make_tree(stack, "a")


@pytest.fixture(scope="module")
def other(stack: Stack) -> Tree:
    return make_tree(stack, "b")


def test_keys_are_shown_once_and_listed_by_prefix_only(stack: Stack, tree: Tree) -> None:
    with api(stack, tree.keys["agency_admin"]) as admin:
        items = admin.get(f"/v1/admin/tenants/{tree.client}/keys").json()["items"]
    assert {k["role"] for k in items} == {"admin", "analyst", "viewer"}
    text = str(items)
    assert all(key not in text for key in tree.keys.values())
    assert all(k["prefix"].startswith("aya_live_") for k in items)


def test_viewer_reads_but_cannot_ask(stack: Stack, tree: Tree) -> None:
    with api(stack, tree.keys["client_viewer"]) as viewer:
        assert viewer.get("/v1/queries").status_code == 200
        refused = viewer.post("/v1/queries", json={"query": "spend", "mode": "async"})
    assert refused.status_code == 403
    assert "analyst" in refused.json()["error"]["message"]


def test_client_admin_sets_branding_but_not_its_own_limits(stack: Stack, tree: Tree) -> None:
    with api(stack, tree.keys["client_admin"]) as admin:
        branded = admin.patch(
            f"/v1/admin/tenants/{tree.client}",
            json={"primary_color": "#336699", "logo_url": "https://cdn.example/logo.png"},
        )
        limited = admin.patch(f"/v1/admin/tenants/{tree.client}", json={"tokens_per_day": 10})
    assert branded.status_code == 200
    assert branded.json()["primary_color"] == "#336699"
    assert limited.status_code == 403


def test_agency_admin_sets_its_clients_limits_and_budget(stack: Stack, tree: Tree) -> None:
    with api(stack, tree.keys["agency_admin"]) as admin:
        response = admin.patch(
            f"/v1/admin/tenants/{tree.client}",
            json={"requests_per_minute": 30, "monthly_budget_usd": 250.5, "markup_percent": 20},
        )
    assert response.status_code == 200
    body = response.json()
    assert (body["requests_per_minute"], body["monthly_budget_usd"]) == (30, 250.5)


def test_credential_reference_is_never_returned(stack: Stack, tree: Tree) -> None:
    with api(stack, tree.keys["client_admin"]) as admin:
        response = admin.patch(
            f"/v1/admin/tenants/{tree.client}",
            json={"lemanado_credential_ref": "secret-ref-123"},
        )
        log = admin.get(f"/v1/admin/tenants/{tree.client}/audit").json()
    assert response.json()["lemanado_credential_set"] is True
    assert "secret-ref-123" not in response.text
    assert "secret-ref-123" not in str(log)


def test_agency_never_reaches_sideways(stack: Stack, tree: Tree, other: Tree) -> None:
    with api(stack, tree.keys["agency_admin"]) as admin:
        assert admin.get(f"/v1/admin/tenants/{other.client}").status_code == 404
        assert admin.get(f"/v1/admin/tenants/{other.agency}").status_code == 404
        listed = admin.get("/v1/admin/tenants").json()["items"]
    assert [t["id"] for t in listed] == [tree.client]


def test_suspension_takes_effect_on_the_next_request(stack: Stack) -> None:
    tree = make_tree(stack, "s")
    with api(stack, tree.keys["client_analyst"]) as analyst:
        assert analyst.get("/v1/queries").status_code == 200
        with api(stack, tree.keys["agency_admin"]) as admin:
            assert admin.post(f"/v1/admin/tenants/{tree.client}/suspend").status_code == 200
        assert analyst.get("/v1/queries").status_code == 403
        with api(stack, tree.keys["client_admin"]) as own_admin:
            # a tenant cannot lift its own suspension (its keys are all refused)
            assert own_admin.post(f"/v1/admin/tenants/{tree.client}/resume").status_code == 403
        with api(stack, tree.keys["agency_admin"]) as admin:
            assert admin.post(f"/v1/admin/tenants/{tree.client}/resume").status_code == 200
        assert analyst.get("/v1/queries").status_code == 200


def test_suspending_an_agency_suspends_its_clients(stack: Stack) -> None:
    assert stack.info is not None
    tree = make_tree(stack, "g")
    with api(stack, stack.info.operator_key) as operator:
        assert operator.post(f"/v1/admin/tenants/{tree.agency}/suspend").status_code == 200
    with api(stack, tree.keys["client_analyst"]) as analyst:
        assert analyst.get("/v1/queries").status_code == 403


def test_revoked_key_is_refused_on_its_next_request(stack: Stack, tree: Tree) -> None:
    with api(stack, tree.keys["agency_admin"]) as admin:
        made = admin.post(f"/v1/admin/tenants/{tree.client}/keys", json={"role": "viewer"}).json()
    with api(stack, made["api_key"]) as doomed:
        assert doomed.get("/v1/queries").status_code == 200
        with api(stack, tree.keys["client_admin"]) as admin:
            revoked = admin.delete(f"/v1/admin/tenants/{tree.client}/keys/{made['key_id']}")
            assert revoked.status_code == 200
        assert doomed.get("/v1/queries").status_code == 401


def test_every_admin_action_is_in_the_tenants_audit_log(stack: Stack, tree: Tree) -> None:
    with api(stack, tree.keys["client_admin"]) as admin:
        admin.patch(f"/v1/admin/tenants/{tree.client}", json={"name": "Renamed Client"})
        log: list[dict[str, Any]] = admin.get(f"/v1/admin/tenants/{tree.client}/audit").json()[
            "items"
        ]
    update = next(
        e for e in log if e["action"] == "tenant.update" and e["after"]["name"] == "Renamed Client"
    )
    assert update["before"]["name"] != "Renamed Client"
    assert update["actor"].startswith(f"{tree.client}/")
    assert {"tenant.create", "key.create"} <= {e["action"] for e in log}


def test_agency_usage_report_shows_cost_and_billed_per_client(stack: Stack) -> None:
    assert stack.info is not None
    tree = make_tree(stack, "u")
    with api(stack, tree.keys["agency_admin"]) as admin:
        admin.patch(f"/v1/admin/tenants/{tree.client}", json={"markup_percent": 25})
    # medium: 100k in x $0.40/M + 10k out x $2.00/M = $0.06
    call = model_call(
        tree.client,
        started_at=dt.datetime(2026, 11, 3, 10, 0, tzinfo=dt.UTC),
        seconds=2,
        input_tokens=100_000,
        output_tokens=10_000,
    )
    asyncio.run(publish_model_calls(stack.info.nats_ops_url, [call]))
    params = {"from": "2026-11-03", "to": "2026-11-03"}
    deadline = time.monotonic() + 20
    with api(stack, tree.keys["agency_admin"]) as admin:
        while True:
            report = admin.get("/v1/admin/usage", params=params).json()
            if report["totals"]["calls"] or time.monotonic() > deadline:
                break
            time.sleep(0.2)
    (line,) = report["clients"]
    assert (line["tenant_id"], line["calls"]) == (tree.client, 1)
    assert (line["cost_usd"], line["billed_usd"]) == (0.06, 0.075)
    with api(stack, tree.keys["client_admin"]) as client_admin:
        assert client_admin.get("/v1/admin/usage", params=params).status_code == 403


def test_concurrent_creations_of_one_id_give_one_tenant_and_conflicts(stack: Stack) -> None:
    assert stack.info is not None
    agency = f"ag-race-{uuid.uuid4().hex[:6]}"

    def create(_: int) -> int:
        with api(stack, stack.info.operator_key) as operator:  # type: ignore[union-attr]
            made = operator.post("/v1/admin/agencies", json={"id": agency, "name": "Race"})
        return made.status_code

    with ThreadPoolExecutor(8) as pool:
        statuses = sorted(pool.map(create, range(8)))
    assert statuses == [201] + [409] * 7, statuses
