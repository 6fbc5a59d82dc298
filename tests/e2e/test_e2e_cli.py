"""`aya up` and `aya ask` as a user runs them: real processes, stack.json, Ctrl-C."""

from __future__ import annotations

import json
import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from e2e_support import NWO, connector_rows, sums

from aya.stack import Stack

pytestmark = pytest.mark.slow
AYA = str(Path(sys.executable).parent / "aya")


def test_aya_ask_prints_the_answer_of_the_running_stack(stack: Stack) -> None:
    env = {**os.environ, "AYA_HOME": str(stack.home)}
    done = subprocess.run(
        [AYA, "ask", "--tenant", NWO, "--json", "spend on Google Ads last week"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    body = json.loads(done.stdout)
    expected = sums(connector_rows(stack, NWO, ["google_ads"], "2026-11-09", "2026-11-15"))
    assert str(body["data"]["totals"]["spend"]) == str(expected["spend"])


def test_aya_ask_without_a_stack_says_how_to_start_one(tmp_path: Path) -> None:
    env = {**os.environ, "AYA_HOME": str(tmp_path)}
    done = subprocess.run(
        [AYA, "ask", "spend"], env=env, capture_output=True, text=True, timeout=30
    )
    assert done.returncode == 1
    assert "make run" in done.stderr


def test_aya_up_serves_writes_a_private_stack_file_and_stops_on_ctrl_c(tmp_path: Path) -> None:
    """Started as a script's `aya up &` would be (a shell without job control leaves SIGINT
    ignored in it), it still stops on SIGINT, and takes every process it started with it."""
    env = {**os.environ, "AYA_HOME": str(tmp_path), "AYA_TODAY": "2026-11-22"}
    for name in ("AYA_NATS_URL", "NATS_URL", "AYA_DATABASE_URL", "DATABASE_URL"):
        env.pop(name, None)
    up = subprocess.Popen(
        [AYA, "up"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_IGN),
    )
    stack_file = tmp_path / "stack.json"
    try:
        deadline = time.monotonic() + 120
        while not stack_file.exists():
            assert up.poll() is None, up.stdout.read() if up.stdout else ""
            assert time.monotonic() < deadline, "aya up did not become ready"
            time.sleep(0.2)
        assert stat.S_IMODE(stack_file.stat().st_mode) == 0o600
        info = json.loads(stack_file.read_text())
        assert {"gateway_url", "mcp_url", "nats_url", "database_url", "tenants"} <= set(info)
        assert all(t["api_key"].startswith("aya_live_") for t in info["tenants"])
        asked = subprocess.run(
            [AYA, "ask", "clicks yesterday"], env=env, capture_output=True, text=True, timeout=60
        )
        assert asked.returncode == 0, asked.stderr
        assert "Nov 21" in asked.stdout
    finally:
        up.send_signal(signal.SIGINT)
        try:
            output, _ = up.communicate(timeout=60)
        except subprocess.TimeoutExpired:
            up.terminate()  # leave no stack behind for the next test
            up.communicate(timeout=60)
            raise
    assert up.returncode == 0, output
    assert "curl" in output
    assert _processes_mentioning(str(tmp_path)) == []


def _processes_mentioning(text: str) -> list[str]:
    """Command lines of live processes that mention `text` (none should outlive `aya up`)."""
    found = []
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            cmdline = (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:
            continue
        if text in cmdline:
            found.append(cmdline)
    return found
