"""Settings of `aya up`: which parts are embedded and which are external."""

from __future__ import annotations

from pathlib import Path

from pydantic import AliasChoices, Field

from libs.common.settings import CommonSettings


class StackSettings(CommonSettings):
    """Unset URLs mean "start the embedded one"."""

    database_admin_url: str | None = Field(
        default=None,
        validation_alias=AliasChoices("AYA_DATABASE_ADMIN_URL"),
        description="Owner connection for migrations (external PostgreSQL only).",
    )
    lemanado_url: str | None = Field(
        default=None, description="External Lemanado MCP endpoint; unset = the bundled sample."
    )
    lemanado_credentials_file: Path | None = Field(
        default=None, description="JSON {tenant_id: token} for an external Lemanado."
    )
    gateway_host: str = Field(default="127.0.0.1", description="Where `aya up` binds the gateway.")
    gateway_port: int = Field(
        default=0, ge=0, le=65535, description="Gateway port for `aya up` (0 = any free port)."
    )
