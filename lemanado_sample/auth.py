"""Bearer tokens: one per tenant, derived from a secret so separate processes agree."""

from __future__ import annotations

import hashlib
import hmac

from pydantic import BaseModel, Field

from lemanado_sample.catalog import tenants

TOKEN_PREFIX = "lmd_"


class TenantToken(BaseModel):
    """A demo tenant and the bearer token that reads its accounts."""

    id: str = Field(description="Tenant id (a lower-case slug).", examples=["helio-analytics"])
    token: str = Field(description="Bearer token for the MCP endpoint.")
    platforms: list[str] = Field(description="Platforms the tenant has accounts on.")
    currency: str = Field(description="ISO 4217 currency of every account.", examples=["EUR"])
    timezone: str = Field(description="IANA time zone of every account.")


def token_for(secret: str, tenant_id: str) -> str:
    """The tenant's token: "lmd_" + the first 32 hex digits of HMAC-SHA256(secret, tenant_id)."""
    digest = hmac.new(secret.encode(), tenant_id.encode(), hashlib.sha256).hexdigest()
    return TOKEN_PREFIX + digest[:32]


def tenant_tokens(secret: str) -> list[TenantToken]:
    """Every demo tenant with its token (what `--print-tokens` prints)."""
    return [
        TenantToken(
            id=t.tenant_id,
            token=token_for(secret, t.tenant_id),
            platforms=[str(p) for p in t.platforms],
            currency=t.currency,
            timezone=t.timezone,
        )
        for t in tenants()
    ]


class TokenBook:
    """Resolves a bearer token to its tenant id in constant time per tenant."""

    def __init__(self, secret: str) -> None:
        self._tokens = {t.tenant_id: token_for(secret, t.tenant_id) for t in tenants()}

    def tenant_of(self, authorization: str | None) -> str | None:
        """The tenant whose token is in an `Authorization: Bearer …` value, or None."""
        if not authorization:
            return None
        scheme, _, token = authorization.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            return None
        found = None
        for tenant_id, expected in self._tokens.items():
            # Compare against every tenant so timing does not reveal which prefix matched.
            if hmac.compare_digest(expected.encode(), token.strip().encode()):
                found = tenant_id
        return found
