"""`aya serve SERVICE`: run one service in this process (what `aya up` and deployments start)."""

from __future__ import annotations

import argparse
import asyncio
import socket

SERVICES = ("router", "data-fetch", "inference", "audit", "gateway")


def configure(parser: argparse.ArgumentParser) -> None:
    """Options of `aya serve`."""
    parser.add_argument("service", choices=SERVICES, help="Which service to run.")
    parser.add_argument(
        "--fd",
        type=int,
        default=None,
        help="gateway: serve on this already-bound listening socket (set by `aya up`).",
    )
    parser.add_argument(
        "--ops-fd",
        type=int,
        default=None,
        help="worker: serve /healthz, /readyz and /metrics on this already-bound socket "
        "(set by `aya up`; else AYA_OPS_HOST:AYA_OPS_PORT).",
    )


def run(args: argparse.Namespace) -> int:
    """Run the chosen service until it is stopped."""
    if args.service == "gateway":
        return _gateway(args.fd)
    ops = socket.socket(fileno=args.ops_fd) if args.ops_fd is not None else None
    if args.service == "router":
        from services.router.app import create_app as router_app

        asyncio.run(router_app(ops_socket=ops).run())
    elif args.service == "inference":
        from services.inference.app import create_app as inference_app

        asyncio.run(inference_app(ops_socket=ops).run())
    elif args.service == "audit":
        from services.audit.app import create_app as audit_app

        asyncio.run(audit_app(ops_socket=ops).run())
    else:
        from services.data_fetch.app import create_app as data_fetch_app

        asyncio.run(data_fetch_app(ops_socket=ops).run())
    return 0


def _gateway(fd: int | None) -> int:
    import uvicorn

    from services.gateway.app import create_app
    from services.gateway.settings import GatewaySettings

    settings = GatewaySettings()
    app = create_app(settings)
    if fd is not None:
        sock = socket.socket(fileno=fd)
        config = uvicorn.Config(app, log_level="warning", access_log=False)
        asyncio.run(uvicorn.Server(config).serve(sockets=[sock]))
    else:
        port = 8080 if settings.gateway_port is None else settings.gateway_port
        uvicorn.run(app, host=settings.gateway_host, port=port, log_level="warning")
    return 0
