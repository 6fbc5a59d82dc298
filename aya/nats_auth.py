"""The NATS users of a stack: a password per service user, the operations user and a demo team,
kept in a file of the stack's home (mode 600) so a restart keeps every credential."""

from __future__ import annotations

import json
import os
import secrets
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlsplit, urlunsplit

from libs.common.nats_users import NatsUser, ServiceUser, Team, permissions, server_accounts

DEMO_TEAM = "team-demo"
"""The example internal team of `aya up`: it may ask for every demo tenant."""


@dataclass(frozen=True)
class NatsPasswords:
    """User name → password, for the service users, `ops` and the demo team."""

    by_user: dict[str, str]

    def config(self, teams: Mapping[str, Sequence[str]]) -> str:
        """nats-server's `accounts` block: every service user, and each team (name → its
        tenants) that has tenants."""
        services = [
            NatsUser(name, self.by_user[name], permissions(ServiceUser(name)))
            for name in (user.value for user in ServiceUser)
        ]
        accounts = [
            Team(name, self.by_user[name], tuple(tenants))
            for name, tenants in teams.items()
            if tenants
        ]
        return server_accounts(services, accounts)

    def env_of(self, user: ServiceUser) -> dict[str, str]:
        """The variables a process needs to connect as `user`."""
        return {"AYA_NATS_USER": user.value, "AYA_NATS_PASSWORD": self.by_user[user.value]}

    def url_of(self, url: str, user: str) -> str:
        """`url` carrying `user`'s credentials (for clients that take only a URL, e.g. tests)."""
        parts = urlsplit(plain_url(url))
        login = f"{quote(user, safe='')}:{quote(self.by_user[user], safe='')}"
        return urlunsplit(parts._replace(netloc=f"{login}@{parts.netloc}"))

    def dotenv(self) -> str:
        """`NATS_<SERVICE>_PASSWORD=…` for every service user (what compose reads)."""
        lines = [
            f"{env_name(user)}={self.by_user[user.value]}"
            for user in ServiceUser
            if user is not ServiceUser.OPS
        ]
        return "\n".join(lines) + "\n"

    def team(self, tenants: Sequence[str]) -> dict[str, object]:
        """The demo team's credential as `stack.json` shows it."""
        return {"user": DEMO_TEAM, "password": self.by_user[DEMO_TEAM], "tenants": list(tenants)}


def env_name(user: ServiceUser) -> str:
    """The variable compose passes a service's NATS password in: NATS_DATA_FETCH_PASSWORD."""
    return f"NATS_{user.value.upper().replace('-', '_')}_PASSWORD"


def load_or_create(path: Path, teams: Sequence[str] = (DEMO_TEAM,)) -> NatsPasswords:
    """The passwords kept in `path` for the service users and `teams`, with any user that has
    none given a new random one (written back, mode 600)."""
    kept: dict[str, str] = {}
    if path.exists():
        try:
            loaded = json.loads(path.read_text(encoding="utf-8"))
            kept = {str(k): str(v) for k, v in loaded.items()} if isinstance(loaded, dict) else {}
        except ValueError:
            kept = {}
    names = [user.value for user in ServiceUser] + list(teams)
    # Hex, not URL-safe base64: a password that begins with "-" is taken for an option by a
    # command line (`--password -x…`), as a team's client would be given it.
    passwords = {**kept, **{name: kept.get(name) or secrets.token_hex(24) for name in names}}
    if passwords != kept:
        tmp = path.with_suffix(".tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(passwords, handle, indent=2)
        os.replace(tmp, path)
    return NatsPasswords(passwords)


def load(path: Path) -> NatsPasswords:
    """The passwords in `path` (an operator's file): every service user must have one."""
    try:
        loaded = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ValueError(f"cannot read the NATS users file {path}: {exc}") from exc
    if not isinstance(loaded, dict):
        raise ValueError(f"{path}: expected a JSON object of user -> password")
    missing = [user.value for user in ServiceUser if not loaded.get(user.value)]
    if missing:
        raise ValueError(f"{path}: no password for {', '.join(missing)}")
    return NatsPasswords({str(k): str(v) for k, v in loaded.items()})


def plain_url(url: str) -> str:
    """`url` without credentials in it."""
    parts = urlsplit(url)
    return urlunsplit(parts._replace(netloc=parts.netloc.rpartition("@")[2]))
