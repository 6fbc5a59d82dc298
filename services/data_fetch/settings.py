"""data_fetch settings."""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import Field

from libs.common.settings import WorkerSettings


class DataFetchSettings(WorkerSettings):
    """Where Lemanado is, whose credentials this worker holds, and how patient it is."""

    lemanado_url: str | None = Field(
        default=None,
        description="Lemanado MCP endpoint (streamable HTTP); unset = the bundled sample server.",
    )
    lemanado_credentials_file: Path | None = Field(
        default=None,
        description="JSON file {tenant_id: token} of Lemanado credentials (a mounted secret).",
    )
    lemanado_secrets_dir: Path | None = Field(
        default=None,
        description="Folder of per-tenant secrets, <dir>/<tenant_id>/<name>: a tenant's "
        "Lemanado credential reference names one in its own folder.",
    )
    lemanado_call_timeout_seconds: float = Field(
        default=15.0, gt=0, description="Timeout of one MCP tool call."
    )
    lemanado_retries: int = Field(
        default=2, ge=0, le=10, description="Retries of a failed MCP call within one delivery."
    )
    direct_cache_open_seconds: float = Field(
        default=60,
        ge=0,
        description="How long a direct answer is kept when its period reaches today (its "
        "numbers still move); closed periods are kept AYA_ANSWER_CACHE_SECONDS.",
    )
    accounts_cache_seconds: float = Field(
        default=60.0, ge=0, description="How long a tenant's account list is reused."
    )
    row_cache_seconds: float = Field(
        default=300.0,
        ge=0,
        description="How long a window's metric rows are reused when it ended before "
        "yesterday (0: never reused).",
    )
    row_cache_open_seconds: float = Field(
        default=30.0,
        ge=0,
        description="How long a window's metric rows are reused when it reaches yesterday or "
        "today, whose numbers still move (0: never).",
    )
    row_cache_rows: int = Field(
        default=100_000,
        ge=0,
        description="Most metric rows kept for reuse in one data_fetch process (0: none; the "
        "least recently used go first).",
    )

    def lemanado_tokens(self) -> dict[str, str]:
        """Tenant → Lemanado token, from the credentials file (empty when none is configured)."""
        if self.lemanado_credentials_file is None:
            return {}
        raw = json.loads(self.lemanado_credentials_file.read_text(encoding="utf-8"))
        if not isinstance(raw, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in raw.items()
        ):
            raise ValueError("the Lemanado credentials file must map tenant ids to token strings")
        return raw
