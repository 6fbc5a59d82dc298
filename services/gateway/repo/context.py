"""A tenant's context (name, brand, instructions) and its instructions' versions."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from psycopg.rows import dict_row

from libs.common.db import tenant_transaction
from libs.common.tenant_context import DEFAULT_ASSISTANT, Targets, TenantContext
from services.gateway.repo import Conn, Pool
from services.gateway.repo.admin_log import audit


@dataclass(frozen=True)
class Branding:
    """How a white-label front-end dresses itself for a tenant: its own choices, else its
    agency's, else ours; `source` says whose the assistant's name is."""

    logo_url: str | None
    primary_color: str | None
    assistant_name: str
    source: str


@dataclass(frozen=True)
class Profile:
    """A tenant's context and branding, read at once."""

    context: TenantContext
    branding: Branding
    agency_name: str | None


async def profile(pool: Pool, tenant_id: str) -> Profile:
    """The tenant's name, brand (its own, else its agency's) and latest instructions."""
    async with tenant_transaction(pool, tenant_id) as conn:
        return await profile_in(conn, tenant_id)


async def profile_in(conn: Conn, tenant_id: str) -> Profile:
    """`profile`, read in the caller's transaction (of that tenant)."""
    cur = conn.cursor(row_factory=dict_row)
    await cur.execute("SELECT * FROM tenant_context()")
    row = await cur.fetchone()
    if row is None:
        raise LookupError(tenant_id)
    own, agency = row["assistant_name"], row["agency_assistant_name"]
    branding = Branding(
        logo_url=row["logo_url"] or row["agency_logo_url"],
        primary_color=row["primary_color"] or row["agency_primary_color"],
        assistant_name=own or agency or DEFAULT_ASSISTANT,
        source="tenant" if own else "agency" if agency else "default",
    )
    context = TenantContext(
        display_name=row["display_name"],
        assistant_name=branding.assistant_name,
        instructions=row["text"] or None,
        instructions_version=row["version"] or 0,
        targets=Targets(roas=row["target_roas"], cpa=row["target_cpa"]),
        fiscal_year_start_month=row["fiscal_year_start_month"] or 1,
        exclude_campaigns=list(row["exclude_campaigns"] or []),
    )
    return Profile(context=context, branding=branding, agency_name=row["agency_name"])


@dataclass(frozen=True)
class Instructions:
    """One version of a tenant's instructions."""

    version: int
    text: str
    target_roas: Decimal | None
    target_cpa: Decimal | None
    fiscal_year_start_month: int
    exclude_campaigns: list[str]
    created_by: str
    created_at: dt.datetime


_COLUMNS = (
    "version, text, target_roas, target_cpa, fiscal_year_start_month, exclude_campaigns,"
    " created_by, created_at"
)


async def versions(pool: Pool, tenant_id: str) -> list[Instructions]:
    """Every version of the tenant's instructions, newest first."""
    async with tenant_transaction(pool, tenant_id) as conn:
        cur = conn.cursor(row_factory=dict_row)
        await cur.execute(
            f"SELECT {_COLUMNS} FROM tenant_instructions WHERE tenant_id = %s"
            " ORDER BY version DESC",
            (tenant_id,),
        )
        return [Instructions(**row) for row in await cur.fetchall()]


async def write(pool: Pool, tenant_id: str, fields: dict[str, Any], actor: str) -> Instructions:
    """Store `fields` as the tenant's next version (one at a time: the tenant's row is
    locked), with the before and after in its admin log."""
    async with tenant_transaction(pool, tenant_id) as conn:
        await conn.execute("SELECT 1 FROM tenants WHERE id = %s FOR UPDATE", (tenant_id,))
        cur = conn.cursor(row_factory=dict_row)
        await cur.execute(
            f"SELECT {_COLUMNS} FROM tenant_instructions WHERE tenant_id = %s"
            " ORDER BY version DESC LIMIT 1",
            (tenant_id,),
        )
        before = await cur.fetchone()
        version = (before["version"] if before else 0) + 1
        await cur.execute(
            "INSERT INTO tenant_instructions (tenant_id, version, text, target_roas, target_cpa,"
            " fiscal_year_start_month, exclude_campaigns, created_by)"
            " VALUES (%s, %s, %s, %s, %s, %s, %s, %s)"
            f" RETURNING {_COLUMNS}",
            (
                tenant_id,
                version,
                fields["text"],
                fields["target_roas"],
                fields["target_cpa"],
                fields["fiscal_year_start_month"],
                fields["exclude_campaigns"],
                actor,
            ),
        )
        after = await cur.fetchone()
        assert after is not None  # an INSERT … RETURNING always returns its row
        await audit(
            conn,
            tenant_id,
            actor,
            "instructions.update",
            tenant_id,
            _logged(before),
            _logged(after),
        )
    return Instructions(**after)


def _logged(row: dict[str, Any] | None) -> dict[str, Any] | None:
    if row is None:
        return None
    return {
        key: (str(value) if isinstance(value, Decimal | dt.datetime) else value)
        for key, value in row.items()
    }
