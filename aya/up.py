"""`aya up`: the whole system on this machine, until Ctrl-C."""

from __future__ import annotations

import argparse
import contextlib
import logging
import signal
import sys
import time
from types import FrameType

from aya.settings import StackSettings
from aya.stack import Stack
from libs.common.logs import configure_logging


def configure(parser: argparse.ArgumentParser) -> None:
    """`aya up` takes its settings from AYA_* variables (see the README)."""
    parser.add_argument(
        "--timeout", type=float, default=120.0, help="Seconds to wait for the stack to be ready."
    )
    parser.add_argument(
        "--vllm-cpu",
        action="store_true",
        help="Also start a real vLLM server on the CPU (tiny Mistral, random weights; needs "
        "`make vllm-env`) and send analysis questions to it.",
    )


def run(args: argparse.Namespace) -> int:
    """Start the stack, print how to use it, supervise until SIGINT/SIGTERM."""
    settings = StackSettings()
    configure_logging("aya-up", settings.log_level)
    stack = Stack(settings.home.resolve(), settings, with_vllm_cpu=args.vllm_cpu)
    # SIGTERM behaves like Ctrl-C, also while starting, so a half-started stack is torn down too.
    signal.signal(signal.SIGTERM, _interrupt)
    # A shell without job control starts `aya up &` with SIGINT ignored, and Python then installs
    # no Ctrl-C handler: `kill -INT` (and Ctrl-C once brought to the foreground) must still stop it.
    signal.signal(signal.SIGINT, _interrupt)
    try:
        info = stack.start(timeout=args.timeout + (600 if args.vllm_cpu else 0))
        _banner(info.gateway_url, info.tenants, settings.home.resolve())
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        return 0
    except (TimeoutError, RuntimeError, OSError) as exc:
        logging.getLogger(__name__).error("the stack did not start: %s", exc)
        return 1
    finally:
        # The terminal or pipe may be gone (its reader quit first): stop all the same.
        with contextlib.suppress(OSError):
            print("\nstopping…", file=sys.stderr)
        stack.stop()


def _interrupt(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt


def _banner(url: str, tenants: list[dict[str, object]], home: object) -> None:
    first = tenants[0] if tenants else None
    lines = [
        "",
        f"Ask Your Ads is up: {url}   (state in {home}, logs in {home}/logs)",
        "",
    ]
    for tenant in tenants:
        lines.append(f"  tenant {tenant['id']:<24} key {tenant['api_key']}")
    if first:
        lines += [
            "",
            f"Open {url}/ in a browser and sign in with a key above, or try:",
            f"  curl -s {url}/v1/queries -H 'Authorization: Bearer {first['api_key']}' \\",
            "       -H 'Content-Type: application/json' \\",
            '       -d \'{"query": "What did we spend on Google Ads last week?"}\'',
            '  .venv/bin/aya ask "How many clicks did we get yesterday, by platform?"',
            '  .venv/bin/python examples/nats_team_client.py "Meta spend last week"',
            "",
            f"Every process's /healthz, /readyz and /metrics: `services` in {home}/stack.json;",
            f"the NATS door's contract: {url}/asyncapi.",
            "",
            "Ctrl-C stops everything.",
        ]
    print("\n".join(lines), flush=True)
