"""Bodies of the admin API (strict: unknown fields refused, every field bounded)."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel, ConfigDict, Field, field_validator

from libs.common.ids import TENANT_ID_PATTERN
from libs.common.query import SECRET_NAME_PATTERN, is_secret_name

Role = Literal["viewer", "analyst", "admin"]
TierName = Literal["small", "medium", "large"]
EngineName = Literal["vllm", "mistral", "analyst"]


class TenantSettings(BaseModel):
    """Settings an admin may change (all optional in a PATCH)."""

    model_config = ConfigDict(extra="forbid")

    name: str | None = Field(default=None, min_length=1, max_length=200)
    timezone: str | None = Field(default=None, max_length=64, examples=["Europe/Berlin"])
    currency: str | None = Field(default=None, pattern=r"^[A-Z]{3}$")
    logo_url: str | None = Field(default=None, max_length=500, pattern=r"^https://\S+$")
    primary_color: str | None = Field(default=None, pattern=r"^#[0-9a-fA-F]{6}$")
    requests_per_minute: int | None = Field(default=None, ge=1, le=100_000)
    tokens_per_day: int | None = Field(default=None, ge=0, le=10_000_000_000)
    max_concurrent_analyses: int | None = Field(default=None, ge=1, le=1000)
    monthly_budget_usd: float | None = Field(default=None, ge=0, le=10_000_000)
    budget_alert_ratio: float | None = Field(default=None, gt=0, le=1)
    budget_policy: Literal["degrade", "refuse"] | None = None
    budget_fail_open: bool | None = None
    markup_percent: float | None = Field(default=None, ge=0, le=1000)
    allowed_tiers: list[TierName] | None = Field(default=None, max_length=3)
    model_overrides: dict[str, dict[TierName, str]] | None = Field(
        default=None, description="engine -> tier -> model name"
    )
    engine_chain: list[EngineName] | None = Field(default=None, min_length=1, max_length=3)
    lemanado_credential_ref: str | None = Field(
        default=None,
        pattern=SECRET_NAME_PATTERN,
        description="Name of the tenant's Lemanado credential in its own folder of the "
        "secret store (never the secret itself).",
    )
    query_retention_days: int | None = Field(
        default=None, ge=1, le=3650, description="Days questions and answers are kept."
    )

    @field_validator("lemanado_credential_ref")
    @classmethod
    def _secret_name(cls, value: str | None) -> str | None:
        # The pattern alone lets "a..b" through, which data_fetch would then refuse.
        if value is not None and not is_secret_name(value):
            raise ValueError("must be a plain secret name (no '..')")
        return value

    @field_validator("timezone")
    @classmethod
    def _zone(cls, value: str | None) -> str | None:
        if value is not None:
            try:
                ZoneInfo(value)
            except (ZoneInfoNotFoundError, ValueError) as exc:
                raise ValueError(f"unknown IANA time zone {value!r}") from exc
        return value


class NewTenant(TenantSettings):
    """A tenant to create: an agency (operator) or a client (its agency's admin)."""

    id: str = Field(pattern=TENANT_ID_PATTERN, examples=["acme-shoes"])
    name: str = Field(min_length=1, max_length=200)


class NewKey(BaseModel):
    """A key to create."""

    model_config = ConfigDict(extra="forbid")

    role: Role
    name: str = Field(default="", max_length=100)
    expires_at: dt.datetime | None = Field(default=None, description="UTC; none = no expiry.")


class CreatedKey(BaseModel):
    """A key as created: the plaintext is shown here once and never again."""

    key_id: str
    prefix: str
    role: Role
    api_key: str


class CreatedTenant(BaseModel):
    """A tenant as created, with its first admin key."""

    tenant: dict[str, Any]
    admin_key: CreatedKey
