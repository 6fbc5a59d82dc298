"""Settings of `aya up`: which parts are embedded and which are external."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field

from services.data_fetch.settings import DataFetchSettings
from services.gateway.settings import GatewaySettings


class StackSettings(GatewaySettings, DataFetchSettings):
    """What `aya up` reads: the gateway's and data_fetch's settings; an unset URL (NATS,
    PostgreSQL, Lemanado) means "start the embedded one"."""

    inference_workers: int = Field(
        default=1,
        ge=1,
        le=32,
        description="Inference worker processes `aya up` runs, sharing each tier's queue: one "
        "Python process computes on one core, so one per core lets analysis use them all.",
    )
    nats_users_file: Path | None = Field(
        default=None,
        description="With an external NATS: JSON of NATS user -> password, from which `aya up` "
        "gives each service its own user (the server configured with the same users).",
    )
