"""Fixtures: the sample Lemanado server as a real subprocess, started once per session."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from lmd_support import SECRET, Server, running_server

from lemanado_sample.auth import tenant_tokens


@pytest.fixture(scope="session")
def lemanado_server() -> Iterator[Server]:
    """One server for the whole session, with AYA_TODAY pinned."""
    with running_server() as started:
        yield started


@pytest.fixture(scope="session")
def tokens() -> dict[str, str]:
    """tenant id -> bearer token under the test secret."""
    return {t.id: t.token for t in tenant_tokens(SECRET)}


@pytest.fixture
def anyio_backend() -> str:
    """Async tests run on asyncio (what the services use)."""
    return "asyncio"
