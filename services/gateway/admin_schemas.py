"""Bodies and answers of the admin API.

Request bodies are strict (unknown fields refused, every field bounded); answers are models
too, so the OpenAPI document describes them. Money is `Decimal` from the database to the
response, written as a plain JSON number.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel, ConfigDict, Field, PlainSerializer, WithJsonSchema, field_validator

from libs.common.ids import TENANT_ID_PATTERN
from libs.common.presentation import to_json_number
from libs.common.query import SECRET_NAME_PATTERN, is_secret_name
from libs.common.tenant_context import ASSISTANT_NAME_PATTERN, MAX_INSTRUCTIONS_CHARS
from libs.common.vocab import Engine, Role, Tier

ORIGIN_PATTERN = (
    r"^(?:\*|https://[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*(:[0-9]{1,5})?"
    r"|http://(?:localhost|127\.0\.0\.1)(:[0-9]{1,5})?)$"
)
"""A browser origin (scheme, host, port; no path), or '*'."""

Exact = Annotated[
    Decimal,
    PlainSerializer(to_json_number, when_used="json"),
    WithJsonSchema({"type": "number"}),
]
"""An exact amount (money, a percentage, a ratio): a Decimal here, a JSON number on the wire."""


class TenantSettings(BaseModel):
    """Settings an admin may change (all optional in a PATCH)."""

    model_config = ConfigDict(extra="forbid")

    name: str | None = Field(default=None, min_length=1, max_length=200)
    timezone: str | None = Field(default=None, max_length=64, examples=["Europe/Berlin"])
    currency: str | None = Field(default=None, pattern=r"^[A-Z]{3}$")
    logo_url: str | None = Field(default=None, max_length=500, pattern=r"^https://\S+$")
    primary_color: str | None = Field(default=None, pattern=r"^#[0-9a-fA-F]{6}$")
    assistant_name: str | None = Field(
        default=None,
        pattern=ASSISTANT_NAME_PATTERN,
        description="What the assistant calls itself in answers and prompts (letters, digits, "
        "spaces and . ' & -, up to 40); unset: the agency's, else Ask Your Ads.",
        examples=["Acme Insights"],
    )
    cors_origins: list[Annotated[str, Field(pattern=ORIGIN_PATTERN)]] | None = Field(
        default=None,
        max_length=20,
        description="Origins of the tenant's own web front-ends allowed to call the API from "
        "a browser: 'https://app.example.com' (http only for localhost), or '*' for any "
        "(never with credentials).",
        examples=[["https://reports.acme-agency.com"]],
    )
    requests_per_minute: int | None = Field(default=None, ge=1, le=100_000)
    tokens_per_day: int | None = Field(default=None, ge=0, le=10_000_000_000)
    max_concurrent_analyses: int | None = Field(default=None, ge=1, le=1000)
    monthly_budget_usd: float | None = Field(default=None, ge=0, le=10_000_000)
    budget_alert_ratio: float | None = Field(default=None, gt=0, le=1)
    budget_policy: Literal["degrade", "refuse"] | None = None
    budget_fail_open: bool | None = None
    markup_percent: float | None = Field(default=None, ge=0, le=1000)
    allowed_tiers: list[Tier] | None = Field(default=None, max_length=3)
    model_overrides: dict[str, dict[Tier, str]] | None = Field(
        default=None, description="engine -> tier -> model name"
    )
    engine_chain: list[Engine] | None = Field(default=None, min_length=1, max_length=3)
    lemanado_credential_ref: str | None = Field(
        default=None,
        pattern=SECRET_NAME_PATTERN,
        description="Name of the tenant's Lemanado credential in its own folder of the "
        "secret store (never the secret itself).",
    )
    query_retention_days: int | None = Field(
        default=None, ge=1, le=3650, description="Days questions and answers are kept."
    )
    anomaly_watch: bool | None = Field(
        default=None,
        description="The daily anomaly watch: each local morning, yesterday is scanned against "
        "its baseline (no model call) and each finding raises an anomaly.detected alert.",
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


class TenantView(BaseModel):
    """A tenant as an admin sees it: settings, limits, policy (the Lemanado credential only
    as set / not set)."""

    id: str
    parent_id: str | None = Field(description="The agency of a client; null for an agency.")
    kind: Literal["agency", "client"]
    name: str
    status: Literal["active", "suspended"]
    timezone: str
    currency: str
    logo_url: str | None
    primary_color: str | None
    assistant_name: str | None = Field(default=None, description="Null: its agency's, or ours.")
    cors_origins: list[str] = Field(default_factory=list, description="Allowed browser origins.")
    requests_per_minute: int
    tokens_per_day: int
    max_concurrent_analyses: int
    monthly_budget_usd: Exact | None = Field(description="Null: no monthly budget.")
    budget_alert_ratio: Exact
    budget_policy: Literal["degrade", "refuse"]
    budget_fail_open: bool
    markup_percent: Exact
    allowed_tiers: list[Tier]
    model_overrides: dict[str, dict[str, str]] = Field(description="engine -> tier -> model")
    engine_chain: list[Engine] | None = Field(description="Null: the deployment's chain.")
    query_retention_days: int | None = Field(description="Null: the deployment's default.")
    anomaly_watch: bool = Field(default=False, description="The daily anomaly watch is on.")
    lemanado_credential_set: bool
    created_at: dt.datetime


class TenantList(BaseModel):
    """Client tenants of an agency."""

    items: list[TenantView]


class CreatedTenant(BaseModel):
    """A tenant as created, with its first admin key."""

    tenant: TenantView
    admin_key: CreatedKey


class KeyView(BaseModel):
    """A key as listed: its visible prefix and dates, never the key or its hash."""

    key_id: str
    prefix: str
    role: Role
    name: str
    created_at: dt.datetime
    last_used_at: dt.datetime | None
    expires_at: dt.datetime | None
    revoked_at: dt.datetime | None


class KeyList(BaseModel):
    """A tenant's keys, oldest first."""

    items: list[KeyView]


class RevokedKey(BaseModel):
    """A key just revoked."""

    key_id: str
    revoked: Literal[True] = True


class AuditEntry(BaseModel):
    """One line of a tenant's admin log."""

    actor: str = Field(description="'operator' or '<tenant>/<key id>'.")
    action: str = Field(examples=["tenant.update"])
    target: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None
    at: dt.datetime


class AuditLog(BaseModel):
    """A tenant's admin log, newest first."""

    items: list[AuditEntry]


class ClientLine(BaseModel):
    """One client's row of its agency's usage report."""

    tenant_id: str
    name: str
    markup_percent: Exact
    calls: int
    answers: int
    input_tokens: int
    output_tokens: int
    cost_usd: Exact
    billed_usd: Exact = Field(description="The cost with the agency's markup.")


class ReportTotals(BaseModel):
    """Sums over an agency's clients."""

    calls: int
    cost_usd: Exact
    billed_usd: Exact


class AgencyUsage(BaseModel):
    """An agency's clients: usage, cost and billed amount over [from, to]."""

    agency_id: str
    start: dt.date = Field(serialization_alias="from")
    end: dt.date = Field(serialization_alias="to")
    clients: list[ClientLine]
    totals: ReportTotals


class ErasureReceipt(BaseModel):
    """What deleting a tenant removed from where (also kept in its agency's admin log)."""

    receipt_id: str
    tenant_id: str
    kind: Literal["agency", "client"]
    parent_id: str | None
    requested_by: str
    completed_at: dt.datetime
    deleted: dict[str, dict[str, int]] = Field(description="store -> table or stream -> count")
    not_held_here: list[str] = Field(
        description="Where copies live that this service cannot delete."
    )


class InstructionsBody(BaseModel):
    """`PUT /v1/admin/tenants/{id}/instructions`: the tenant's business context, as a new
    version. The text is shown to the model as what the business says about itself, never as
    instructions; it cannot change whose data is read."""

    model_config = ConfigDict(extra="forbid")

    text: str = Field(
        default="",
        max_length=MAX_INSTRUCTIONS_CHARS,
        description=f"Business context and targets in your words (up to "
        f"{MAX_INSTRUCTIONS_CHARS} characters).",
        examples=["We sell outdoor gear; Q4 is our peak. Brand campaigns are judged on reach."],
    )
    target_roas: Decimal | None = Field(default=None, gt=0, le=1000, examples=[4.0])
    target_cpa: Decimal | None = Field(
        default=None, gt=0, le=1_000_000, description="In the tenant's currency.", examples=[35]
    )
    fiscal_year_start_month: int = Field(
        default=1,
        ge=1,
        le=12,
        description="Month the fiscal year starts (1 = January): 'this fiscal year', 'FY2026' "
        "(the one ending in 2026) and 'fiscal Q3' follow it.",
    )
    exclude_campaigns: list[Annotated[str, Field(min_length=1, max_length=200)]] = Field(
        default_factory=list,
        max_length=50,
        description="Campaigns left out of every figure: direct answers, analyses and the "
        "model's own fetches (names matched ignoring case, spaces and punctuation).",
        examples=[["Employee Giveaway"]],
    )

    @field_validator("text")
    @classmethod
    def _no_nul(cls, value: str) -> str:
        if "\x00" in value:
            raise ValueError("must not contain NUL characters")
        return value


class InstructionsView(BaseModel):
    """One version of a tenant's instructions."""

    version: int
    text: str
    target_roas: Exact | None
    target_cpa: Exact | None
    fiscal_year_start_month: int
    exclude_campaigns: list[str]
    created_by: str
    created_at: dt.datetime


class InstructionsHistory(BaseModel):
    """The tenant's instructions: the current version (null when none was set) and every
    version, newest first."""

    current: InstructionsView | None
    versions: list[InstructionsView]
