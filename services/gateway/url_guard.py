"""The SSRF guard of webhooks: a delivery goes only to a public address.

A URL is refused when its host resolves to any private, loopback, link-local, multicast,
reserved, unspecified or otherwise non-global address — at registration and again before each
delivery (DNS can change). The delivery is then sent to the address that was checked (the TLS
name is still the host's), so the name cannot be re-resolved to somewhere else in between.
Where the receiver is local by design (`environment` development), loopback is allowed.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

Address = ipaddress.IPv4Address | ipaddress.IPv6Address
Resolver = Callable[[str, int], Awaitable[list[str]]]


class UnsafeUrl(Exception):
    """A webhook URL we will not send to, and why (safe to show to the tenant's admin)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


async def system_resolver(host: str, port: int) -> list[str]:
    """Every address `host` resolves to (the operating system's resolver)."""
    infos = await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return sorted({str(info[4][0]) for info in infos})


def refusal(address: Address, allow_loopback: bool) -> str | None:
    """Why `address` is not one to send to, or None when it is."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped  # ::ffff:10.0.0.1 is 10.0.0.1
    if address.is_loopback:
        return None if allow_loopback else "loopback"
    checks = (
        ("unspecified", address.is_unspecified),
        ("link-local", address.is_link_local),
        ("multicast", address.is_multicast),
        ("private", address.is_private),
        ("reserved", address.is_reserved),
        # e.g. 100.64.0.0/10 (carrier-grade NAT): not "private", not reachable either
        ("not public", not address.is_global),
    )
    return next((name for name, hit in checks if hit), None)


@dataclass(frozen=True)
class Destination:
    """Where one delivery goes: the URL's host and port, and the checked address to use."""

    host: str
    port: int
    address: str


@dataclass(frozen=True)
class UrlGuard:
    """Checks webhook URLs; `allow_loopback` only where receivers are local by design."""

    allow_loopback: bool
    resolver: Resolver = field(default=system_resolver)
    timeout_seconds: float = 5.0

    async def check(self, url: str) -> Destination:
        """The destination of `url` if every address of its host may be sent to; else
        `UnsafeUrl` saying why."""
        parts = urlsplit(url)
        if parts.scheme != "https" or not parts.hostname:
            raise UnsafeUrl("only https URLs with a host name are allowed")
        host = parts.hostname
        try:
            port = parts.port or 443
        except ValueError as exc:
            raise UnsafeUrl("the port is not a number from 1 to 65535") from exc
        try:
            literal: Address | None = ipaddress.ip_address(host)
        except ValueError:
            literal = None
        addresses = [str(literal)] if literal else await self._resolve(host, port)
        for text in addresses:
            why = refusal(ipaddress.ip_address(text.split("%")[0]), self.allow_loopback)
            if why is not None:
                raise UnsafeUrl(f"its host {host} resolves to a {why} address ({text})")
        return Destination(host=host, port=port, address=addresses[0])

    async def _resolve(self, host: str, port: int) -> list[str]:
        try:
            async with asyncio.timeout(self.timeout_seconds):
                found = await self.resolver(host, port)
        except (OSError, TimeoutError, UnicodeError) as exc:
            raise UnsafeUrl(f"its host {host} does not resolve") from exc
        if not found:
            raise UnsafeUrl(f"its host {host} does not resolve")
        return found
