"""One delivery attempt: signed, sent to the address the guard checked with the host's name,
and never sent when the host now resolves somewhere private."""

from __future__ import annotations

import httpx
import pytest

from services.gateway.repo.deliveries import Due
from services.gateway.signing import verify
from services.gateway.url_guard import UrlGuard
from services.gateway.webhook_sender import send_once

pytestmark = pytest.mark.anyio
DUE = Due(
    tenant_id="acme",
    delivery_id="5b0e6f0c-8f0e-4a63-9d53-1f1f3f9c2b7a",
    event="budget.threshold",
    body='{"id":"a","event":"budget.threshold"}',
    url="https://hooks.example.com:8443/aya?x=1",
    secret="whsec_0123456789abcdef",
    attempts=0,
)


def guard_resolving(address: str) -> UrlGuard:
    async def resolver(host: str, port: int) -> list[str]:
        return [address]

    return UrlGuard(allow_loopback=False, resolver=resolver)


async def test_an_attempt_is_signed_and_goes_to_the_checked_address() -> None:
    seen: list[httpx.Request] = []

    def receive(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(204)

    async with httpx.AsyncClient(transport=httpx.MockTransport(receive)) as client:
        result = await send_once(client, guard_resolving("93.184.215.14"), DUE, 5)
    assert (result.status_code, result.error, result.delivered) == (204, None, True)
    (request,) = seen
    assert str(request.url) == "https://93.184.215.14:8443/aya?x=1"
    assert request.headers["host"] == "hooks.example.com:8443"
    assert request.extensions["sni_hostname"] == "hooks.example.com"
    assert request.headers["aya-event"] == "budget.threshold"
    assert request.headers["aya-delivery"] == DUE.delivery_id
    stamp = int(request.headers["aya-signature"].split(",")[0].removeprefix("t="))
    assert verify(DUE.secret, request.headers["aya-signature"], request.content, now=stamp)


async def test_a_host_that_now_resolves_to_a_private_address_is_not_contacted() -> None:
    seen: list[httpx.Request] = []

    def receive(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200)

    async with httpx.AsyncClient(transport=httpx.MockTransport(receive)) as client:
        result = await send_once(client, guard_resolving("10.0.0.5"), DUE, 5)
    assert seen == []
    assert result.status_code is None
    assert (
        result.error
        == "refused: its host hooks.example.com resolves to a private address (10.0.0.5)"
    )


async def test_a_non_2xx_answer_is_a_failed_attempt() -> None:
    def receive(request: httpx.Request) -> httpx.Response:
        return httpx.Response(302, headers={"Location": "https://10.0.0.1/"})

    async with httpx.AsyncClient(transport=httpx.MockTransport(receive)) as client:
        result = await send_once(client, guard_resolving("93.184.215.14"), DUE, 5)
    assert (result.status_code, result.delivered) == (302, False)  # redirects are not followed
