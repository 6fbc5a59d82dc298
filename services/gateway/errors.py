"""Every error leaves the gateway as `{"error": {"code", "message"}}` — precise, never internal;
on the OpenAI-compatible paths, in OpenAI's shape (`{"error": {"message", "type", "param",
"code"}}`), so OpenAI clients raise their own error classes."""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from typing import Any

import psycopg
import psycopg_pool
from fastapi import FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from nats.errors import Error as NatsError
from starlette.exceptions import HTTPException as StarletteHTTPException

logger = logging.getLogger(__name__)

_STATUS_CODES = {
    400: "bad_request",
    401: "unauthorized",
    402: "payment_required",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "payload_too_large",
    415: "unsupported_media_type",
    422: "invalid_request",
    429: "rate_limited",
    503: "unavailable",
    504: "timeout",
}


class ApiError(HTTPException):
    """An error with a stable code the client can branch on."""

    def __init__(
        self,
        status: int,
        message: str,
        code: str | None = None,
        headers: dict[str, str] | None = None,
        **extra: Any,
    ) -> None:
        super().__init__(status_code=status, detail=message, headers=headers)
        self.code = code or _STATUS_CODES.get(status, "error")
        self.extra = extra


def error_body(code: str, message: str, **extra: Any) -> dict[str, Any]:
    """The JSON body of an error."""
    return {"error": {"code": code, "message": message}, **extra}


BACKEND_DOWN = (NatsError, psycopg.OperationalError, psycopg_pool.PoolTimeout)
"""What a request meets while NATS or PostgreSQL is down or restarting: the client may retry."""
UNAVAILABLE = "A service this request needs is unavailable right now; retry in a few seconds."


def unavailable_message(exc: Exception) -> str:
    """Which backend a 503 met, in words a client (and whoever reads its log) can act on."""
    if isinstance(exc, psycopg_pool.PoolTimeout):
        which = "No database connection came free in time (the database is busy or restarting)"
    elif isinstance(exc, psycopg.OperationalError):
        which = "The database is unavailable"
    elif isinstance(exc, NatsError):
        which = "The message bus (NATS) is unavailable"
    else:
        return UNAVAILABLE
    return f"{which}; retry in a few seconds."


OPENAI_PATHS = ("/v1/chat/", "/v1/models")
"""Paths that answer errors in OpenAI's shape."""
_OPENAI_TYPES = {
    401: "authentication_error",
    402: "insufficient_quota",
    403: "permission_error",
    429: "rate_limit_error",
    500: "server_error",
    503: "server_error",
    504: "server_error",
}


def _body(request: Request, status: int, code: str, message: str, **extra: Any) -> dict[str, Any]:
    return body_for_path(request.url.path, status, code, message, **extra)


def body_for_path(path: str, status: int, code: str, message: str, **extra: Any) -> dict[str, Any]:
    """The error body in the shape the path's clients read (OpenAI's on the OpenAI door)."""
    if path.startswith(OPENAI_PATHS):
        kind = _OPENAI_TYPES.get(status, "invalid_request_error")
        if code == "token_limit":
            kind = "insufficient_quota"
        return {"error": {"message": message, "type": kind, "param": None, "code": code}}
    return error_body(code, message, **extra)


def describe_errors(errors: Sequence[Mapping[str, Any]]) -> str:
    """A validation failure in one line: where and what, for the first five problems."""
    parts = []
    for err in errors[:5]:
        where = ".".join(str(p) for p in err.get("loc", ()) if p != "body") or "body"
        parts.append(f"{where}: {err.get('msg', 'invalid')}")
    return "; ".join(parts)


def install_error_handlers(app: FastAPI) -> None:
    """Map every failure to the error shape, with the right status."""

    @app.exception_handler(ApiError)
    async def _api_error(request: Request, exc: ApiError) -> JSONResponse:
        return JSONResponse(
            _body(request, exc.status_code, exc.code, str(exc.detail), **exc.extra),
            status_code=exc.status_code,
            headers=exc.headers,
        )

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        code = _STATUS_CODES.get(exc.status_code, "error")
        message = exc.detail if isinstance(exc.detail, str) else code.replace("_", " ")
        return JSONResponse(
            _body(request, exc.status_code, code, message), status_code=exc.status_code
        )

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = list(exc.errors())
        if any(err.get("type") == "json_invalid" for err in errors):
            message = "The request body is not valid JSON."
            return JSONResponse(_body(request, 400, "malformed_json", message), status_code=400)
        body = _body(request, 422, "invalid_request", describe_errors(errors))
        return JSONResponse(body, status_code=422)

    async def _backend_down(request: Request, exc: Exception) -> JSONResponse:
        logger.warning("%s %s: a backend is unavailable: %r", request.method, request.url.path, exc)
        return JSONResponse(
            _body(request, 503, "unavailable", unavailable_message(exc)),
            status_code=503,
            headers={"Retry-After": "2"},
        )

    for kind in BACKEND_DOWN:
        app.add_exception_handler(kind, _backend_down)

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        logger.exception("unhandled error on %s %s", request.method, request.url.path)
        message = "Something went wrong on our side; please retry."
        return JSONResponse(_body(request, 500, "internal_error", message), status_code=500)
