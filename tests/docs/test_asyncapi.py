"""The AsyncAPI document of the NATS door: generated from the code, committed as it is
generated, valid by the AsyncAPI Initiative's own parser, and covering every subject a team's
NATS permissions let it use."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from libs.common.nats_users import team_permissions
from services.gateway.asyncapi import document
from tests.node_tools import node_for
from tools.asyncapi_doc import DOC, ROOT, rendered

VALIDATOR = ROOT / "tools" / "asyncapi"


def test_the_committed_document_is_the_one_the_code_generates() -> None:
    assert DOC.read_text(encoding="utf-8") == rendered(), (
        "docs/asyncapi.yaml is stale: run `python tools/asyncapi_doc.py --write`"
    )


def test_every_subject_a_team_may_use_is_documented() -> None:
    addresses = [c["address"] for c in document()["channels"].values() if c["address"]]
    patterns = [re.compile(re.sub(r"\\\{\w+\\\}", "[^.]+", re.escape(a))) for a in addresses]
    perms = team_permissions(["northwind-outfitters"])
    used = [*perms.publish, *(s for s in perms.subscribe if not s.startswith("_INBOX"))]
    # `answer.>` covers an answer and its streamed text: both must be described.
    concrete = [s.replace(">", "0b7f4c1e") for s in used] + [
        "aya.v1.northwind-outfitters.answer.0b7f4c1e.delta"
    ]
    for subject_name in concrete:
        assert any(p.fullmatch(subject_name) for p in patterns), subject_name


def test_each_ask_documents_its_replies_and_every_message_has_an_example() -> None:
    spec = document()
    for name in ("ask-request", "ask-async"):
        reply = spec["operations"][name]["reply"]["channel"]["$ref"].rsplit("/", 1)[-1]
        assert set(spec["channels"][reply]["messages"]) == {"Answered", "Accepted", "Refused"}
    for name, message in spec["components"]["messages"].items():
        assert message.get("examples"), name


def _node() -> str:
    return node_for(
        VALIDATOR,
        "node_modules/@asyncapi/parser",
        ["ci", "--ignore-scripts"],
        "to validate docs/asyncapi.yaml",
    )


@pytest.mark.slow
def test_the_asyncapi_parser_finds_the_document_valid() -> None:
    node = _node()
    done = subprocess.run(
        [node, str(VALIDATOR / "validate.mjs"), str(DOC)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "valid AsyncAPI 3.0.0" in done.stdout


def test_the_validator_catches_a_broken_document(tmp_path: Path) -> None:
    node = _node()
    broken = tmp_path / "broken.yaml"
    broken.write_text(DOC.read_text(encoding="utf-8").replace("#/channels/ask-reply", "#/x"))
    done = subprocess.run(
        [node, str(VALIDATOR / "validate.mjs"), str(broken)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 1
    assert "invalid-ref" in done.stdout
