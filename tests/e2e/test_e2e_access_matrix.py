"""Role × endpoint × tenant: every operation of the OpenAPI document, called by every kind of
caller against its own tenant, its agency's client and another agency's client. The list of
operations comes from the running gateway, so a new endpoint without a rule here fails."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
from test_e2e_admin import Tree, api, make_tree

from aya.stack import Stack

pytestmark = pytest.mark.slow

ACTORS = (
    "operator", "agency_admin", "agency_viewer", "client_admin", "client_analyst",
    "client_viewer", "other_admin", "nobody",
)  # fmt: skip
TARGETS = ("own", "client", "other")
TENANT_KEYS = {"agency_admin", "agency_viewer", "client_admin", "client_analyst", "client_viewer"}
WEBHOOKS = "/v1/admin/tenants/{tenant_id}/webhooks"


@dataclass
class World:
    stack: Stack
    a: Tree
    b: Tree

    def key(self, actor: str) -> str | None:
        assert self.stack.info is not None
        if actor == "operator":
            return self.stack.info.operator_key
        if actor == "other_admin":
            return self.b.keys["agency_admin"]
        return None if actor == "nobody" else self.a.keys[actor]

    def tenant(self, actor: str, target: str) -> str:
        if target == "client":
            return self.a.client
        if target == "other":
            return self.b.client
        own = {"agency_admin": self.a.agency, "agency_viewer": self.a.agency}
        own["other_admin"] = self.b.agency
        return own.get(actor, self.a.client)


def _tenant_rule(actor: str, target: str, scope: str, ok: int) -> set[int]:
    """Expected status of a /v1/admin/tenants/{tenant_id}... call."""
    if actor == "nobody":
        return {401}
    if actor in {"agency_viewer", "client_analyst", "client_viewer"}:
        return {403}
    if actor == "operator":
        return {ok}
    visible = {
        "agency_admin": {"own", "client"},
        "client_admin": {"own", "client"},  # a client's own tenant is the client
        "other_admin": {"own", "other"},
    }[actor]
    if target not in visible:
        return {404}
    below = (actor == "agency_admin" and target == "client") or (
        actor == "other_admin" and target == "other"
    )
    return {ok} if scope == "self_or_agency" or below else {403}


def expected(method: str, path: str, actor: str, target: str) -> set[int]:
    """The rule for one cell; KeyError for an operation nobody wrote a rule for."""
    tenant_key = actor in TENANT_KEYS or actor == "other_admin"
    reads = {401} if not tenant_key else None
    writes = {403} if actor in {"agency_viewer", "client_viewer"} else {404}  # an unknown id
    rules: dict[tuple[str, str], Callable[[], set[int]]] = {
        ("GET", "/v1/queries"): lambda: reads or {200},
        ("GET", "/v1/queries/{query_id}"): lambda: reads or {404},
        ("GET", "/v1/usage"): lambda: reads or {200},
        ("GET", "/v1/me"): lambda: reads or {200},
        ("GET", "/v1/models"): lambda: reads or {200},
        ("GET", "/v1/models/{model_id}"): lambda: reads or {200},
        ("POST", "/v1/chat/completions"): lambda: (
            reads or ({403} if actor in {"agency_viewer", "client_viewer"} else {200})
        ),
        ("GET", "/v1/conversations"): lambda: reads or {200},
        ("GET", "/v1/alerts"): lambda: reads or {200},
        ("GET", "/v1/conversations/{conversation_id}"): lambda: reads or {404},
        ("PATCH", "/v1/conversations/{conversation_id}"): lambda: reads or writes,
        ("DELETE", "/v1/conversations/{conversation_id}"): lambda: reads or writes,
        ("POST", "/v1/queries"): lambda: (
            reads or ({403} if actor in {"agency_viewer", "client_viewer"} else {202})
        ),
        ("POST", "/v1/admin/agencies"): lambda: (
            {401} if actor == "nobody" else ({201} if actor == "operator" else {403})
        ),
        ("POST", "/v1/admin/tenants"): lambda: (
            {401}
            if actor == "nobody"
            else ({201} if actor in {"agency_admin", "other_admin"} else {403})
        ),
        ("GET", "/v1/admin/usage"): lambda: (
            {401}
            if actor == "nobody"
            else ({200} if actor in {"agency_admin", "other_admin"} else {403})
        ),
        ("GET", "/v1/admin/tenants"): lambda: (
            {401}
            if actor == "nobody"
            else ({200} if actor in {"agency_admin", "other_admin"} else {403})
        ),
        ("GET", "/v1/admin/tenants/{tenant_id}"): lambda: _tenant_rule(
            actor, target, "self_or_agency", 200
        ),
        ("PATCH", "/v1/admin/tenants/{tenant_id}"): lambda: _tenant_rule(
            actor, target, "self_or_agency", 200
        ),
        ("POST", "/v1/admin/tenants/{tenant_id}/suspend"): lambda: _tenant_rule(
            actor, target, "agency_only", 200
        ),
        ("POST", "/v1/admin/tenants/{tenant_id}/resume"): lambda: _tenant_rule(
            actor, target, "agency_only", 200
        ),
        ("POST", "/v1/admin/tenants/{tenant_id}/keys"): lambda: _tenant_rule(
            actor, target, "self_or_agency", 201
        ),
        ("GET", "/v1/admin/tenants/{tenant_id}/keys"): lambda: _tenant_rule(
            actor, target, "self_or_agency", 200
        ),
        ("DELETE", "/v1/admin/tenants/{tenant_id}/keys/{key_id}"): lambda: _tenant_rule(
            actor, target, "self_or_agency", 200
        ),
        ("PUT", "/v1/admin/tenants/{tenant_id}/instructions"): lambda: _tenant_rule(
            actor, target, "self_or_agency", 200
        ),
        ("GET", "/v1/admin/tenants/{tenant_id}/instructions"): lambda: _tenant_rule(
            actor, target, "self_or_agency", 200
        ),
        ("GET", "/v1/admin/tenants/{tenant_id}/audit"): lambda: _tenant_rule(
            actor, target, "self_or_agency", 200
        ),
        ("GET", "/v1/admin/tenants/{tenant_id}/export"): lambda: _tenant_rule(
            actor, target, "self_or_agency", 200
        ),
        ("DELETE", "/v1/admin/tenants/{tenant_id}"): lambda: _tenant_rule(
            actor, target, "agency_only", 200
        ),
        ("POST", f"{WEBHOOKS}"): lambda: _tenant_rule(actor, target, "self_or_agency", 201),
        ("GET", f"{WEBHOOKS}"): lambda: _tenant_rule(actor, target, "self_or_agency", 200),
        # A webhook or delivery id nobody made: 404 for whoever may look.
        **{
            (verb, f"{WEBHOOKS}/{{webhook_id}}{tail}"): lambda: _tenant_rule(
                actor, target, "self_or_agency", 404
            )
            for verb, tail in (
                ("GET", ""),
                ("PATCH", ""),
                ("DELETE", ""),
                ("GET", "/deliveries"),
                ("POST", "/deliveries/{delivery_id}/redeliver"),
            )
        },
    }
    return rules[(method, path)]()


def _twin(world: World, tenant_id: str) -> str:
    """A fresh client beside `tenant_id` (same agency), for calls that would destroy it."""
    parents = {world.a.client: world.a, world.b.client: world.b}
    if tenant_id not in parents:
        return tenant_id
    twin = f"cl-twin-{uuid.uuid4().hex[:8]}"
    with api(world.stack, parents[tenant_id].keys["agency_admin"]) as agency:
        made = agency.post("/v1/admin/tenants", json={"id": twin, "name": "Twin"})
    assert made.status_code == 201, made.text
    return twin


def _call(world: World, method: str, path: str, actor: str, target: str) -> httpx.Response:
    tenant_id = world.tenant(actor, target)
    if (method, path) == ("DELETE", "/v1/admin/tenants/{tenant_id}") and actor in {
        "operator", "agency_admin", "other_admin",
    }:  # fmt: skip
        tenant_id = _twin(world, tenant_id)  # a deletion that may succeed takes a stand-in
    url = path.replace("{tenant_id}", tenant_id).replace("{query_id}", str(uuid.uuid4()))
    url = url.replace("{conversation_id}", str(uuid.uuid4())).replace("{model_id}", "ask-your-ads")
    url = url.replace("{webhook_id}", str(uuid.uuid4())).replace("{delivery_id}", str(uuid.uuid4()))
    body: dict[str, Any] | None = None
    if "{key_id}" in url:
        with api(world.stack, world.key("operator")) as operator:
            made = operator.post(f"/v1/admin/tenants/{tenant_id}/keys", json={"role": "viewer"})
        url = url.replace("{key_id}", made.json()["key_id"])
    if method in {"POST", "PATCH", "PUT"}:
        body = {
            "/v1/queries": {"query": "spend yesterday", "mode": "async"},
            "/v1/admin/agencies": {"id": f"ag-m-{uuid.uuid4().hex[:8]}", "name": "M"},
            "/v1/admin/tenants": {"id": f"cl-m-{uuid.uuid4().hex[:8]}", "name": "M"},
            "/v1/conversations/{conversation_id}": {"title": "Matrix"},
            "/v1/chat/completions": {
                "model": "ask-your-ads",
                "messages": [{"role": "user", "content": "spend yesterday"}],
            },
            "/v1/admin/tenants/{tenant_id}/instructions": {"text": "Matrix"},
            # Loopback is a webhook URL only in development, as this stack runs.
            WEBHOOKS: {"url": "https://127.0.0.1:9/matrix", "events": ["budget.threshold"]},
            f"{WEBHOOKS}/{{webhook_id}}": {"enabled": False},
        }.get(path, {"role": "viewer"} if path.endswith("/keys") else {"name": "Matrix"})
        if path.endswith(("/suspend", "/resume", "/redeliver")):
            body = None
    with api(world.stack, world.key(actor)) as client:
        response = client.request(method, url, json=body)
    if path.endswith("/suspend") and response.status_code == 200:
        with api(world.stack, world.key("operator")) as operator:  # undo, for the next cells
            operator.post(url.replace("/suspend", "/resume"))
    return response


def operations(stack: Stack) -> list[tuple[str, str]]:
    assert stack.info is not None
    document = httpx.get(f"{stack.info.gateway_url}/openapi.json").json()
    return sorted(
        (method.upper(), path)
        for path, item in document["paths"].items()
        if path.startswith("/v1/")
        for method in item
    )


def test_every_cell_of_the_access_matrix(stack: Stack) -> None:
    world = World(stack, make_tree(stack, "ma"), make_tree(stack, "mb"))
    with api(stack, world.key("operator")) as operator:  # every cell, well within one minute
        for tenant_id in (world.a.agency, world.a.client, world.b.agency, world.b.client):
            raised = operator.patch(
                f"/v1/admin/tenants/{tenant_id}", json={"requests_per_minute": 5000}
            )
            assert raised.status_code == 200, raised.text
    failures, cells = [], 0
    for method, path in operations(stack):
        targets = TARGETS if "{tenant_id}" in path else ("own",)
        for actor in ACTORS:
            for target in targets:
                want = expected(method, path, actor, target)
                got = _call(world, method, path, actor, target).status_code
                cells += 1
                if got not in want:
                    failures.append(f"{method} {path} as {actor} on {target}: {got}, want {want}")
    print(f"access matrix: {cells} cells")
    assert not failures, "\n".join(failures)
    assert cells >= 200
