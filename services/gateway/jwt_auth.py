"""Optional JWT bearer tokens, for front-ends that log users in elsewhere. The tenant and role
come only from the verified claims (`sub`, `tenant_id`, `role`) — never from the request."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import Any

import jwt

from libs.common.ids import is_tenant_id
from libs.common.vocab import Role
from services.gateway.settings import GatewaySettings


@dataclass(frozen=True)
class Claims:
    """What a valid token says."""

    subject: str
    tenant_id: str
    role: str


class JwtVerifier:
    """Verifies tokens with a configured key (HMAC secret or PEM public key) or a JWKS URL."""

    def __init__(self, settings: GatewaySettings) -> None:
        self._algorithm = settings.jwt_algorithm
        self._audience = settings.jwt_audience
        self._issuer = settings.jwt_issuer
        self._key = settings.jwt_key.get_secret_value() if settings.jwt_key else None
        self._jwks = jwt.PyJWKClient(settings.jwt_jwks_url) if settings.jwt_jwks_url else None

    @property
    def enabled(self) -> bool:
        """Whether JWTs are accepted at all."""
        return self._key is not None or self._jwks is not None

    async def verify(self, token: str) -> Claims | None:
        """The token's claims, or None when it is not a valid token for us."""
        try:
            key: Any = self._key
            if self._jwks is not None:
                # PyJWKClient fetches (and caches) keys synchronously: keep it off the loop.
                key = (await asyncio.to_thread(self._jwks.get_signing_key_from_jwt, token)).key
            payload = jwt.decode(
                token,
                key,
                algorithms=[self._algorithm],
                audience=self._audience,
                issuer=self._issuer,
                options={"require": ["exp", "sub"], "verify_aud": self._audience is not None},
            )
        except jwt.PyJWTError:
            return None
        tenant, role, subject = payload.get("tenant_id"), payload.get("role"), payload["sub"]
        if not (isinstance(tenant, str) and is_tenant_id(tenant)) or role not in tuple(Role):
            return None
        return Claims(subject=str(subject), tenant_id=tenant, role=str(role))
