"""A tenant's data lifecycle between the gateway and the audit service (NATS request-reply,
tenant always from the subject): a page of the tenant's ledger for its export, and the erasure
of its ledger rows when the tenant is deleted."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

MAX_PAGE = 1000


class LedgerPageRequest(BaseModel):
    """`ledger.export`: the next page of the tenant's model calls, oldest first."""

    model_config = ConfigDict(extra="forbid")

    after: str | None = Field(
        default=None, max_length=200, description="Cursor from the previous page."
    )
    limit: int = Field(default=500, ge=1, le=MAX_PAGE)


class LedgerPage(BaseModel):
    """One page of ledger rows and the cursor of the next (None at the end)."""

    items: list[dict[str, Any]] = Field(default_factory=list)
    next: str | None = None


class ErasureReport(BaseModel):
    """`ledger.erase`: rows deleted per table."""

    deleted: dict[str, int] = Field(default_factory=dict)
