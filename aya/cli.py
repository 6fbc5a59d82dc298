"""`aya` — one console script; each subcommand lives in the package that implements it."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from typing import Protocol, cast


class _Command(Protocol):
    def configure(self, parser: argparse.ArgumentParser) -> None: ...

    def run(self, args: argparse.Namespace) -> int: ...


# name -> (module implementing `configure(parser)` and `run(args) -> int`, one-line help).
# Modules are imported lazily so `aya route` does not pay for FastAPI or NATS imports.
COMMANDS: dict[str, tuple[str, str]] = {
    "route": ("services.router.cli", "Turn questions (JSON lines on stdin) into query plans."),
    "lemanado-sample": ("lemanado_sample.cli", "Serve the sample Lemanado MCP server."),
    "serve": (
        "aya.serve",
        "Run one service (router, data-fetch, inference, audit, gateway) in this process.",
    ),
    "up": ("aya.up", "Run the whole stack on embedded servers; print the gateway URL and keys."),
    "ask": ("aya.ask", "Ask the running stack a question from the terminal."),
    "nats-config": (
        "aya.nats_config",
        "Print nats-server's accounts, users and permissions for the services and teams.",
    ),
    "capacity": (
        "aya.capacity",
        "GPU memory and GPUs a tier's model, context and concurrency take (from config.json).",
    ),
}


def _load(module: str) -> _Command:
    return cast(_Command, importlib.import_module(module))


def build_parser(argv: Sequence[str]) -> argparse.ArgumentParser:
    """The top-level parser; only the chosen subcommand's module is imported."""
    parser = argparse.ArgumentParser(prog="aya", description="Ask Your Ads")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    chosen = next((a for a in argv if not a.startswith("-")), None)
    for name, (module, help_text) in COMMANDS.items():
        sub_parser = sub.add_parser(name, help=help_text, description=help_text)
        if name == chosen:
            _load(module).configure(sub_parser)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `aya` console script."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    args = build_parser(args_list).parse_args(args_list)
    module, _ = COMMANDS[args.command]
    return _load(module).run(args)


if __name__ == "__main__":
    raise SystemExit(main())
