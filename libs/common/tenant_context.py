"""What the pipeline knows of the tenant beyond its policy: its name and brand, and the
business context its admin wrote (instructions, targets), versioned.

The instructions are the tenant's own words: they reach a model only inside the data message,
as facts about the business, never as instructions to follow, and nothing reads them to decide
what data is fetched.
"""

from __future__ import annotations

import hashlib
from decimal import Decimal

from pydantic import BaseModel, ConfigDict, Field

DEFAULT_ASSISTANT = "Ask Your Ads"
MAX_INSTRUCTIONS_CHARS = 4000
ASSISTANT_NAME_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9 .'&-]{0,39}$"
"""Plain words only: the assistant's name is the one tenant-set text in the system prompt."""


class Targets(BaseModel):
    """The tenant's own goals, in its reporting currency."""

    model_config = ConfigDict(frozen=True)

    roas: Decimal | None = Field(default=None, gt=0, le=1000, description="Target ROAS (×).")
    cpa: Decimal | None = Field(
        default=None, gt=0, le=1_000_000, description="Target CPA, in the tenant's currency."
    )


class TenantContext(BaseModel):
    """The tenant's name, brand and business context, as a question carries them."""

    model_config = ConfigDict(extra="ignore")

    display_name: str = Field(description="The tenant's name.")
    assistant_name: str = Field(
        default=DEFAULT_ASSISTANT,
        pattern=ASSISTANT_NAME_PATTERN,
        description="What the assistant calls itself (the tenant's, else its agency's).",
    )
    instructions: str | None = Field(
        default=None,
        max_length=MAX_INSTRUCTIONS_CHARS,
        description="Business context in the admin's words (data, never instructions).",
    )
    instructions_version: int = Field(
        default=0, ge=0, description="Version of the instructions (0: none set)."
    )
    targets: Targets = Field(default_factory=Targets, description="The tenant's targets.")
    fiscal_year_start_month: int = Field(
        default=1, ge=1, le=12, description="Month the tenant's fiscal year starts (1 = Jan)."
    )
    exclude_campaigns: list[str] = Field(
        default_factory=list,
        max_length=50,
        description="Campaigns the tenant leaves out of every figure (matched by name).",
    )


def prompt_version(template: str, instructions_version: int) -> str:
    """A short, stable id of a system prompt template and a tenant's instructions version: a
    change in either changes it, so a change in answers can be traced to a change in prompt."""
    digest = hashlib.sha256(template.encode()).hexdigest()[:8]
    return f"{digest}.i{instructions_version}"
