"""Browsers on agencies' own front-ends: each tenant's admin lists its origins; a preflight
passes for an origin some tenant lists; a response is readable by a page only when the
caller's own tenant lists its origin; '*' is any origin and never comes with credentials."""

from __future__ import annotations

import uuid

import httpx
import pytest
from test_e2e_admin import Tree, api, make_tree

from aya.stack import Stack

pytestmark = pytest.mark.slow


def _origin() -> str:
    return f"https://reports-{uuid.uuid4().hex[:8]}.agency.example"


def _allow(stack: Stack, tree: Tree, origins: list[str]) -> None:
    with api(stack, tree.keys["client_admin"]) as admin:  # the tenant's own admin may
        changed = admin.patch(f"/v1/admin/tenants/{tree.client}", json={"cors_origins": origins})
    assert changed.status_code == 200, changed.text
    assert changed.json()["cors_origins"] == origins


def _preflight(stack: Stack, origin: str) -> httpx.Response:
    assert stack.info is not None
    return httpx.options(
        f"{stack.info.gateway_url}/v1/queries",
        headers={
            "Origin": origin,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "authorization, content-type",
        },
    )


def _me(stack: Stack, key: str | None, origin: str) -> httpx.Response:
    assert stack.info is not None
    headers = {"Origin": origin}
    if key is not None:
        headers["Authorization"] = f"Bearer {key}"
    return httpx.get(f"{stack.info.gateway_url}/v1/me", headers=headers)


def test_a_tenants_origin_may_call_and_read_its_own_answers(stack: Stack) -> None:
    tree, other = make_tree(stack, "cors"), make_tree(stack, "cors2")
    origin = _origin()
    _allow(stack, tree, [origin])

    allowed = _preflight(stack, origin)
    assert allowed.status_code == 204
    assert allowed.headers["access-control-allow-origin"] == origin
    assert "POST" in allowed.headers["access-control-allow-methods"]
    assert "authorization" in allowed.headers["access-control-allow-headers"].lower()
    assert "access-control-allow-credentials" not in allowed.headers

    mine = _me(stack, tree.keys["client_viewer"], origin)
    assert mine.status_code == 200
    assert mine.headers["access-control-allow-origin"] == origin
    assert "Aya-Conversation-Id" in mine.headers["access-control-expose-headers"]
    assert mine.headers["vary"] == "Origin"

    # Another tenant's key from this origin: the answer is not the page's to read.
    theirs = _me(stack, other.keys["client_viewer"], origin)
    assert theirs.status_code == 200
    assert "access-control-allow-origin" not in theirs.headers

    # Without a key the page may still read why it was refused.
    refused = _me(stack, None, origin)
    assert refused.status_code == 401
    assert refused.headers["access-control-allow-origin"] == origin


def test_an_origin_no_tenant_lists_is_refused(stack: Stack) -> None:
    stranger = _origin()
    response = _preflight(stack, stranger)
    assert response.status_code == 403
    assert "access-control-allow-origin" not in response.headers
    assert response.json()["error"]["code"] == "forbidden"
    tree = make_tree(stack, "cors3")
    read = _me(stack, tree.keys["client_viewer"], stranger)
    assert read.status_code == 200  # the server answers; the browser keeps it from the page
    assert "access-control-allow-origin" not in read.headers


def test_any_origin_means_star_and_never_credentials(stack: Stack) -> None:
    tree = make_tree(stack, "cors4")
    _allow(stack, tree, ["*"])
    anywhere = _origin()
    read = _me(stack, tree.keys["client_viewer"], anywhere)
    assert read.headers["access-control-allow-origin"] == "*"
    assert "access-control-allow-credentials" not in read.headers


def test_an_origin_must_be_an_origin(stack: Stack) -> None:
    tree = make_tree(stack, "cors5")
    with api(stack, tree.keys["client_admin"]) as admin:
        for bad in (["https://x.example/path"], ["ftp://x.example"], ["http://x.example"]):
            response = admin.patch(f"/v1/admin/tenants/{tree.client}", json={"cors_origins": bad})
            assert response.status_code == 422, (bad, response.text)
