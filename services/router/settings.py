"""Router service settings."""

from __future__ import annotations

from libs.common.settings import CommonSettings


class RouterSettings(CommonSettings):
    """The router needs only the shared settings (clock override, bus, logging)."""
