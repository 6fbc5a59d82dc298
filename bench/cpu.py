"""CPU time of every process the bench started, by part of the system, read from /proc.

A level's CPU per answer (the difference of two snapshots over the answers it got) says where a
question's cost goes, beyond the latency the client sees: our services, and beside them
nats-server, PostgreSQL, the MCP server and the model stand-in. PostgreSQL daemonizes (its
postmaster is no child of ours): `watch(path)` adds every process whose command line holds
`path` (the stack's home, where its data directory is) and their children.
"""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path

_TICK = os.sysconf("SC_CLK_TCK")
_PARTS = (
    ("aya serve gateway", "gateway"),
    ("aya serve router", "router"),
    ("aya serve data-fetch", "data-fetch"),
    ("aya serve inference", "inference"),
    ("aya serve audit", "audit"),
    ("nats-server", "nats-server"),
    ("postgres", "postgresql"),
    ("lemanado", "mcp-server"),
    ("upstream.py", "model stand-in"),
)


def _children() -> dict[int, list[int]]:
    found: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        found.setdefault(parent, []).append(int(entry.name))
    return found


def _part(pid: int) -> str | None:
    try:
        command = (Path("/proc") / str(pid) / "cmdline").read_bytes().replace(b"\0", b" ")
    except OSError:
        return None
    text = command.decode(errors="replace")
    return next((part for key, part in _PARTS if key in text), None)


def _seconds(pid: int) -> float:
    """User and system CPU of `pid` itself (not of its children)."""
    try:
        fields = (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / _TICK


_WATCHED: set[str] = set()


def watch(path: str) -> None:
    """Also count processes whose command line holds `path`, and their children."""
    _WATCHED.add(path)


def unwatch(path: str) -> None:
    """Stop counting what `watch(path)` added."""
    _WATCHED.discard(path)


def _watched_roots(children: dict[int, list[int]]) -> list[int]:
    if not _WATCHED:
        return []
    roots = []
    for pid in {p for kids in children.values() for p in kids}:
        try:
            command = (Path("/proc") / str(pid) / "cmdline").read_bytes().decode(errors="replace")
        except OSError:
            continue
        if any(path in command for path in _WATCHED):
            roots.append(pid)
    return roots


def snapshot() -> Counter[str]:
    """CPU seconds so far of every descendant of this process (and of watched processes),
    summed by part."""
    children = _children()
    totals: Counter[str] = Counter()
    stack = list({*children.get(os.getpid(), []), *_watched_roots(children)})
    seen: set[int] = set()
    while stack:
        pid = stack.pop()
        if pid in seen:
            continue
        seen.add(pid)
        stack.extend(children.get(pid, []))
        part = _part(pid)
        if part is not None:
            totals[part] += _seconds(pid)
    return totals


def per_answer(before: Counter[str], after: Counter[str], answers: int) -> dict[str, float]:
    """CPU milliseconds per answer of each part between two snapshots (a process that exited
    in between is not counted)."""
    if not answers:
        return {}
    parts = sorted(set(before) | set(after), key=lambda p: [k for _, k in _PARTS].index(p))
    return {p: round((after[p] - before[p]) * 1000 / answers, 1) for p in parts}
