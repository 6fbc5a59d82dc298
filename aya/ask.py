"""`aya ask "question"`: ask the running stack from the terminal."""

from __future__ import annotations

import argparse
import itertools
import json
import sys
import threading
from pathlib import Path
from typing import Any

import httpx

from libs.common.settings import CommonSettings


def configure(parser: argparse.ArgumentParser) -> None:
    """Options of `aya ask`."""
    parser.add_argument("question", help="The question, in plain language.")
    parser.add_argument("--tenant", help="Tenant id from stack.json (default: the first).")
    parser.add_argument("--json", action="store_true", help="Print the whole answer as JSON.")


def run(args: argparse.Namespace) -> int:
    """Ask, wait with a spinner, print the answer; 1 when the stack is not running."""
    stack_file = Path(CommonSettings().home) / "stack.json"
    try:
        stack = json.loads(stack_file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        print(f"No running stack found ({stack_file}); start one with `make run`.", file=sys.stderr)
        return 1
    tenants = stack.get("tenants", [])
    chosen = next((t for t in tenants if t["id"] == args.tenant), None) if args.tenant else None
    chosen = chosen or (tenants[0] if tenants and not args.tenant else None)
    if chosen is None:
        known = ", ".join(t["id"] for t in tenants) or "none"
        print(f"Unknown tenant {args.tenant!r}; known: {known}.", file=sys.stderr)
        return 1
    try:
        response = _with_spinner(
            lambda: _post(stack["gateway_url"], chosen["api_key"], args.question)
        )
    except httpx.HTTPError as exc:
        print(f"The gateway at {stack['gateway_url']} did not answer: {exc}", file=sys.stderr)
        return 1
    body = response.json()
    if args.json:
        print(json.dumps(body, indent=2))
        return 0 if response.status_code == 200 else 1
    if response.status_code != 200 or body.get("status") != "answered":
        error = body.get("error") or {}
        print(f"Error ({response.status_code}): {error.get('message', body)}", file=sys.stderr)
        return 1
    print(body["answer"])
    return 0


def _post(url: str, key: str, question: str) -> httpx.Response:
    return httpx.post(
        f"{url}/v1/queries",
        json={"query": question},
        headers={"Authorization": f"Bearer {key}"},
        timeout=120,
    )


def _with_spinner(call: Any) -> httpx.Response:
    done = threading.Event()

    def spin() -> None:
        for frame in itertools.cycle("⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏"):
            if done.wait(0.1):
                break
            if sys.stderr.isatty():
                print(f"\r{frame} thinking…", end="", file=sys.stderr, flush=True)
        if sys.stderr.isatty():
            print("\r" + " " * 20 + "\r", end="", file=sys.stderr, flush=True)

    spinner = threading.Thread(target=spin, daemon=True)
    spinner.start()
    try:
        result: httpx.Response = call()
        return result
    finally:
        done.set()
        spinner.join()
