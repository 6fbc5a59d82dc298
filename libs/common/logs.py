"""Structured JSON logs; tenant, query and trace ids come from context, so every line has them."""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from pythonjsonlogger.json import JsonFormatter

_CONTEXT: ContextVar[dict[str, str]] = ContextVar("aya_log_context", default={})  # noqa: B039


class _ContextFilter(logging.Filter):
    def __init__(self, service: str) -> None:
        super().__init__()
        self._service = service

    def filter(self, record: logging.LogRecord) -> bool:
        record.service = self._service
        for key, value in _CONTEXT.get().items():
            setattr(record, key, value)
        return True


def configure_logging(service: str, level: str = "INFO") -> None:
    """Send JSON lines to stderr, each with the service name and the current log context."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(
        JsonFormatter(
            "{asctime}{levelname}{name}{message}",
            style="{",
            rename_fields={"asctime": "ts", "levelname": "level", "name": "logger"},
        )
    )
    handler.addFilter(_ContextFilter(service))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    # Per-request client logs would drown the service's own lines.
    for noisy in ("httpx", "httpx2", "httpcore", "mcp"):
        logging.getLogger(noisy).setLevel(max(logging.WARNING, root.level))


def context_field(name: str) -> str | None:
    """A field of the current log context (e.g. the tenant being served), if set."""
    return _CONTEXT.get().get(name)


@contextmanager
def log_context(**fields: Any) -> Iterator[None]:
    """Add fields (tenant_id, query_id, trace_id, …) to every log line written inside the block."""
    merged = {**_CONTEXT.get(), **{k: str(v) for k, v in fields.items() if v is not None}}
    token = _CONTEXT.set(merged)
    try:
        yield
    finally:
        _CONTEXT.reset(token)
