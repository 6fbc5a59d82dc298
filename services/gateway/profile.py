"""`GET /v1/me`: who is calling and how to dress for its tenant — what a white-label front-end
needs before it shows anything."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter
from pydantic import BaseModel, Field

from services.gateway.deps import Caller, StateDep
from services.gateway.repo import context
from services.gateway.schemas import error_responses

router = APIRouter(prefix="/v1")


class BrandingView(BaseModel):
    """The tenant's brand, else its agency's, else ours."""

    logo_url: str | None = Field(description="https URL of the logo, or null.")
    primary_color: str | None = Field(description="#rrggbb, or null.")
    assistant_name: str = Field(description="What the assistant calls itself.")
    source: Literal["tenant", "agency", "default"] = Field(
        description="Whose assistant name it is."
    )


class Me(BaseModel):
    """The caller and its tenant, as a front-end shows them."""

    tenant_id: str
    display_name: str = Field(description="The tenant's name.")
    kind: Literal["agency", "client"]
    agency_name: str | None = Field(description="The agency of a client tenant.")
    role: str = Field(description="The caller's role: viewer, analyst or admin.")
    principal: str = Field(description="The key id (or JWT subject) calling.")
    currency: str
    timezone: str
    branding: BrandingView


@router.get("/me", response_model=Me, responses=error_responses(401, 403, 429))
async def me(state: StateDep, caller: Caller) -> Me:
    """The caller's tenant, role and branding (any role may ask)."""
    found = await context.profile(state.pool, caller.tenant_id)
    brand = found.branding
    return Me(
        tenant_id=caller.tenant_id,
        display_name=found.context.display_name,
        kind="agency" if caller.tenant_kind == "agency" else "client",
        agency_name=found.agency_name,
        role=caller.role,
        principal=caller.key_id,
        currency=caller.currency,
        timezone=caller.timezone,
        branding=BrandingView(
            logo_url=brand.logo_url,
            primary_color=brand.primary_color,
            assistant_name=brand.assistant_name,
            source=brand.source,
        ),
    )
