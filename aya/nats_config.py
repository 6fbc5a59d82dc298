"""`aya nats-config`: the accounts, users and permissions of nats-server's configuration, for a
NATS server this deployment runs on (the embedded one of `aya up` writes the same block).

    aya nats-config --passwords /secrets/nats-users.json --team crm=acme-shoes,globex > auth.conf

Passwords missing from the file are generated and written back (mode 600); give each service
its `AYA_NATS_USER` / `AYA_NATS_PASSWORD` from that file, and each team its own line.
`--env FILE` also writes the services' passwords as `NATS_<SERVICE>_PASSWORD=…` lines (mode
600), the `.env` that `deploy/compose.yaml` reads.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from aya.nats_auth import load_or_create
from libs.common.ids import is_tenant_id


def configure(parser: argparse.ArgumentParser) -> None:
    """Arguments: the passwords file and the teams."""
    parser.add_argument(
        "--passwords",
        type=Path,
        required=True,
        help="JSON file of user -> password (created or completed, mode 600).",
    )
    parser.add_argument(
        "--env",
        type=Path,
        default=None,
        help="Also write the services' passwords as NATS_<SERVICE>_PASSWORD lines (mode 600).",
    )
    parser.add_argument(
        "--team",
        action="append",
        default=[],
        metavar="NAME=TENANT[,TENANT...]",
        help="An internal team and the tenants it may ask for (repeatable).",
    )


def run(args: argparse.Namespace) -> int:
    """Print the block; a malformed --team is a usage error (exit 2)."""
    teams: dict[str, list[str]] = {}
    for spec in args.team:
        name, _, tenants = spec.partition("=")
        ids = [t.strip() for t in tenants.split(",") if t.strip()]
        if not name or not ids or not all(is_tenant_id(t) for t in ids) or not is_tenant_id(name):
            print(
                f"aya nats-config: --team {spec!r}: expected NAME=TENANT[,TENANT...]",
                file=sys.stderr,
            )
            return 2
        teams[name] = ids
    passwords = load_or_create(args.passwords, teams=list(teams))
    sys.stdout.write(passwords.config(teams))
    if args.env is not None:
        _write_env(args.env, passwords.dotenv())
    return 0


def _write_env(path: Path, text: str) -> None:
    tmp = path.with_suffix(".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text)
    os.replace(tmp, path)
