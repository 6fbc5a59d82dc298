"""Router service settings."""

from __future__ import annotations

from libs.common.settings import WorkerSettings


class RouterSettings(WorkerSettings):
    """The router needs only the shared settings (clock override, bus, logging)."""
