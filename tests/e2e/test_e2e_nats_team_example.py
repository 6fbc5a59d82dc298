"""`examples/nats_team_client.py`, run as a team would run it, against the stack: the
credential from stack.json or from flags, each way of asking, and each kind of refusal."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ONE_TENANT_TEAM
from e2e_support import NWO

from aya.stack import Stack

pytestmark = pytest.mark.slow
EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "nats_team_client.py"
QUESTION = "What did we spend on Google last week?"


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(EXAMPLE), *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize("mode", ["sync", "async", "fire"])
def test_the_example_asks_each_way_with_the_stack_json_credential(stack: Stack, mode: str) -> None:
    stack_json = str(stack.home / "stack.json")
    done = _run("--stack", stack_json, "--tenant", NWO, "--mode", mode, QUESTION)
    assert done.returncode == 0, done.stderr
    assert "route direct" in done.stdout
    assert "$" in done.stdout.splitlines()[0]  # the answer's text names the spend


def test_the_example_reports_a_refused_question(stack: Stack) -> None:
    done = _run("--stack", str(stack.home / "stack.json"), "--tenant", NWO, "")
    assert done.returncode == 2
    assert "422 invalid_request" in done.stderr


def test_the_example_reports_a_tenant_the_team_was_not_given(stack: Stack) -> None:
    assert stack.passwords is not None
    assert stack.info is not None
    done = _run(
        "--url",
        stack.info.nats_url,
        "--user",
        ONE_TENANT_TEAM,
        # One argument: a random password may begin with "-", which argparse would take
        # for an option (1 run in 64 failed so).
        f"--password={stack.passwords.by_user[ONE_TENANT_TEAM]}",
        "--tenant",
        NWO,
        QUESTION,
    )
    assert done.returncode == 2, done.stderr
    assert "403 forbidden" in done.stderr, done.stderr
