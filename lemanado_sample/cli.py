"""`aya lemanado-sample`: serve the sample MCP server, or print the demo tenants' tokens."""

from __future__ import annotations

import argparse
import json
import sys

from pydantic import ValidationError

from lemanado_sample.auth import tenant_tokens
from lemanado_sample.settings import LemanadoSampleSettings

DEFAULT_PORT = 8765


def configure(parser: argparse.ArgumentParser) -> None:
    """Add this command's options to its sub-parser."""
    parser.add_argument("--host", default="127.0.0.1", help="Interface to listen on.")
    parser.add_argument("--port", type=int, default=DEFAULT_PORT, help="TCP port to listen on.")
    parser.add_argument(
        "--print-tokens",
        action="store_true",
        help="Print the demo tenants and their bearer tokens as JSON, then exit.",
    )


def run(args: argparse.Namespace) -> int:
    """Print tokens or serve until interrupted; 2 on invalid settings."""
    try:
        settings = LemanadoSampleSettings()
    except ValidationError as exc:
        # Messages only: pydantic's default text echoes input values, which may hold the secret.
        for error in exc.errors():
            where = ".".join(str(part) for part in error["loc"]) or "settings"
            print(f"invalid settings: {where}: {error['msg']}", file=sys.stderr)
        return 2
    if args.print_tokens:
        tenants = [t.model_dump() for t in tenant_tokens(settings.secret)]
        print(json.dumps({"tenants": tenants}, indent=2))
        return 0
    return _serve(settings, args.host, args.port)


def _serve(settings: LemanadoSampleSettings, host: str, port: int) -> int:
    import uvicorn  # imported here so --print-tokens stays fast

    from lemanado_sample.server import create_app

    app = create_app(settings, host=host)
    print(f"lemanado-sample: serving MCP on http://{host}:{port}/mcp", file=sys.stderr, flush=True)
    uvicorn.run(app, host=host, port=port, log_level="warning", access_log=False)
    return 0
