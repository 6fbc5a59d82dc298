"""A client tenant made through the admin API gets its ad data once its agency sets its Lemanado
credential reference — a secret in the tenant's own folder, which no other tenant can name."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import httpx
import pytest
from e2e_support import HEL, ask, tenant
from test_e2e_admin import Tree, api, make_tree

from aya.stack import Stack

pytestmark = pytest.mark.slow
QUESTION = "What did we spend last week?"


def _post(stack: Stack, tree: Tree, question: str = QUESTION) -> dict[str, Any]:
    with api(stack, tree.keys["client_analyst"]) as client:
        response = client.post("/v1/queries", json={"query": question})
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def _set_ref(stack: Stack, tree: Tree, ref: str | None) -> httpx.Response:
    with api(stack, tree.keys["agency_admin"]) as agency:
        return agency.patch(
            f"/v1/admin/tenants/{tree.client}", json={"lemanado_credential_ref": ref}
        )


def _store_secret(stack: Stack, tenant_id: str, name: str, token: str) -> None:
    folder = stack.secrets_dir / tenant_id
    folder.mkdir(mode=0o700, exist_ok=True)
    (folder / name).write_text(token)


def test_a_client_with_a_credential_reference_gets_its_connectors_data(stack: Stack) -> None:
    tree = make_tree(stack, "ref")
    before = _post(stack, tree)
    assert before["status"] == "failed"  # no connection yet

    # The agency stores the client's Lemanado token (here: one the sample connector knows).
    _store_secret(stack, tree.client, "lemanado", tenant(stack, HEL)["lemanado_token"])
    changed = _set_ref(stack, tree, "lemanado")
    assert changed.status_code == 200, changed.text
    assert changed.json()["lemanado_credential_set"] is True
    assert "lemanado_credential_ref" not in changed.json()

    body = _post(stack, tree)
    assert body["status"] == "answered", body
    same_connection = ask(stack, HEL, QUESTION)
    assert Decimal(str(body["data"]["totals"]["spend"])) == Decimal(
        str(same_connection["data"]["totals"]["spend"])
    )


def test_a_reference_to_a_secret_of_another_tenant_finds_nothing(stack: Stack) -> None:
    owner, other = make_tree(stack, "own"), make_tree(stack, "oth")
    _store_secret(stack, owner.client, "lemanado", tenant(stack, HEL)["lemanado_token"])
    assert _set_ref(stack, other, "lemanado").status_code == 200  # same name, own folder: empty
    body = _post(stack, other)
    assert body["status"] == "failed"
    assert body["error"]["message"] == "No ad data connection is configured for this tenant."


@pytest.mark.parametrize("ref", ["../cl-x/lemanado", "/etc/passwd", "a/b", "..", ".hidden", "a..b"])
def test_a_reference_that_is_not_a_plain_secret_name_is_refused(stack: Stack, ref: str) -> None:
    tree = make_tree(stack, "bad")
    response = _set_ref(stack, tree, ref)
    assert response.status_code == 422, response.text
    assert "lemanado_credential_ref" in response.json()["error"]["message"]
