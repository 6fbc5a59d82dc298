"""A request that meets NATS or PostgreSQL down (or restarting) is a 503 the client may retry,
not a 500 that reads as our bug."""

from __future__ import annotations

import psycopg
import psycopg_pool
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from nats.errors import TimeoutError as NatsTimeoutError
from nats.js.errors import NoStreamResponseError

from services.gateway.errors import install_error_handlers


@pytest.mark.parametrize(
    ("error", "which"),
    [
        (NatsTimeoutError(), "The message bus (NATS) is unavailable"),
        (NoStreamResponseError(), "The message bus (NATS) is unavailable"),
        (psycopg.OperationalError("connection refused"), "The database is unavailable"),
        (
            psycopg_pool.PoolTimeout("couldn't get a connection after 30.00 sec"),
            "No database connection came free in time (the database is busy or restarting)",
        ),
    ],
)
def test_a_backend_down_is_a_503_with_retry_after_that_names_the_backend(
    error: Exception, which: str
) -> None:
    app = FastAPI()
    install_error_handlers(app)

    @app.post("/v1/queries")
    async def submit() -> None:
        raise error

    response = TestClient(app, raise_server_exceptions=False).post("/v1/queries")
    assert response.status_code == 503
    assert response.headers["retry-after"] == "2"
    assert response.json() == {
        "error": {"code": "unavailable", "message": f"{which}; retry in a few seconds."}
    }


def test_any_other_error_is_still_a_500_that_says_nothing_of_it() -> None:
    app = FastAPI()
    install_error_handlers(app)

    @app.post("/v1/queries")
    async def submit() -> None:
        raise RuntimeError("secret internals")

    response = TestClient(app, raise_server_exceptions=False).post("/v1/queries")
    assert response.status_code == 500
    assert "secret" not in response.text
