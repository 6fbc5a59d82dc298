"""Audit settings: the price table (with the date it was read) and the GPU hourly price."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from pydantic import Field

from libs.common.settings import MigrationSettings, WorkerSettings
from services.audit.cost import Price, Pricing

# List prices of the managed models the default tier map uses, read on PRICES_READ_ON from a
# public tracker that checks them against Mistral's pricing page. Prices move and "-latest"
# names are re-pointed: override AYA_MODEL_PRICES rather than trusting these for long.
DEFAULT_PRICES: dict[str, tuple[str, str]] = {
    "ministral-8b-latest": ("0.15", "0.15"),
    "mistral-small-latest": ("0.10", "0.30"),
    "mistral-medium-latest": ("0.40", "2.00"),
    "mistral-large-latest": ("0.50", "1.50"),
}
PRICES_READ_ON = date(2026, 11, 22)


class AuditSettings(WorkerSettings, MigrationSettings):
    """Where the ledger is and how calls are priced."""

    model_prices: dict[str, tuple[Decimal, Decimal]] = Field(
        default_factory=lambda: {
            k: (Decimal(i), Decimal(o)) for k, (i, o) in DEFAULT_PRICES.items()
        },
        description="JSON {model: [USD per 1M input tokens, USD per 1M output tokens]}; "
        f"defaults are list prices read on {PRICES_READ_ON.isoformat()}.",
    )
    gpu_hourly_usd: Decimal = Field(
        default=Decimal("2.00"),
        ge=0,
        description="Hourly price of one self-hosted GPU (an assumption: set your own).",
    )
    budget_hold_grace_seconds: float = Field(
        default=300.0,
        gt=0,
        le=86_400,
        description="How long a call's outcome may come after its time limit (its audit event "
        "still on its way) before its budget hold lapses and the call, announced but never "
        "reported, is recorded as interrupted at its ceiling.",
    )
    interrupted_sweep_seconds: float = Field(
        default=30.0,
        gt=0,
        le=3600,
        description="How often the ledger records overdue calls (announced, never reported: "
        "their worker died mid-call) as interrupted.",
    )
    ledger_retention_days: int = Field(
        default=400,
        ge=31,
        le=3650,
        description="Days the ledger keeps model calls (longer than questions: invoices and "
        "year-on-year costs need them).",
    )
    db_pool_size: int = Field(default=5, ge=1, le=100, description="PostgreSQL pool size.")

    def pricing(self) -> Pricing:
        """The price table as the cost module uses it."""
        return Pricing(
            models={m: Price(i, o) for m, (i, o) in self.model_prices.items()},
            gpu_hourly_usd=self.gpu_hourly_usd,
        )
