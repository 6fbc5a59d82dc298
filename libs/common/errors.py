"""One exception hierarchy with stable codes, translated to HTTP or failed answers at the edge."""

from __future__ import annotations


class AyaError(Exception):
    """Base of every error we raise on purpose; `code` is stable and safe to show a client."""

    code = "internal_error"
    transient = False

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class QueryError(AyaError):
    """The caller's question or request is invalid."""

    code = "invalid_query"


class UpstreamError(AyaError):
    """A dependency (Lemanado, a model server) failed; `transient` says whether a retry may help."""

    code = "upstream_error"

    def __init__(self, message: str, *, transient: bool) -> None:
        super().__init__(message)
        self.transient = transient
