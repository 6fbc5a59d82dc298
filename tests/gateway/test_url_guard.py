"""The webhooks' SSRF guard: only public addresses, checked on every resolution."""

from __future__ import annotations

import ipaddress

import pytest

from services.gateway.url_guard import UnsafeUrl, UrlGuard, refusal

pytestmark = pytest.mark.anyio


def resolving(*addresses: str) -> UrlGuard:
    async def resolver(host: str, port: int) -> list[str]:
        return list(addresses)

    return UrlGuard(allow_loopback=False, resolver=resolver)


@pytest.mark.parametrize(
    ("address", "why"),
    [
        ("127.0.0.1", "loopback"),
        ("::1", "loopback"),
        ("10.1.2.3", "private"),
        ("172.16.0.1", "private"),
        ("192.168.1.1", "private"),
        ("169.254.169.254", "link-local"),  # the cloud metadata service
        ("fe80::1", "link-local"),
        ("224.0.0.1", "multicast"),
        ("0.0.0.0", "unspecified"),
        ("::", "unspecified"),
        ("240.0.0.1", "private"),  # reserved, which Python also counts as private
        ("100.64.0.1", "not public"),
        ("::ffff:10.0.0.1", "private"),
        ("fd00::1", "private"),
    ],
)
def test_non_public_addresses_are_refused(address: str, why: str) -> None:
    assert refusal(ipaddress.ip_address(address), allow_loopback=False) == why


def test_public_addresses_pass_and_loopback_only_where_allowed() -> None:
    assert refusal(ipaddress.ip_address("93.184.215.14"), allow_loopback=False) is None
    assert refusal(ipaddress.ip_address("2606:4700::1111"), allow_loopback=False) is None
    assert refusal(ipaddress.ip_address("127.0.0.1"), allow_loopback=True) is None
    assert refusal(ipaddress.ip_address("10.0.0.1"), allow_loopback=True) == "private"


async def test_a_host_is_refused_when_any_of_its_addresses_is_private() -> None:
    with pytest.raises(UnsafeUrl, match=r"resolves to a private address \(10\.0\.0\.7\)"):
        await resolving("93.184.215.14", "10.0.0.7").check("https://hooks.example.com/x")


async def test_a_public_host_gets_the_checked_address_to_connect_to() -> None:
    found = await resolving("93.184.215.14").check("https://hooks.example.com:8443/x")
    assert (found.host, found.port, found.address) == ("hooks.example.com", 8443, "93.184.215.14")


async def test_each_check_resolves_again_so_a_changed_answer_is_caught() -> None:
    answers = [["93.184.215.14"], ["127.0.0.1"]]

    async def rebinding(host: str, port: int) -> list[str]:
        return answers.pop(0)

    guard = UrlGuard(allow_loopback=False, resolver=rebinding)
    assert (await guard.check("https://hooks.example.com/")).address == "93.184.215.14"
    with pytest.raises(UnsafeUrl, match="loopback"):
        await guard.check("https://hooks.example.com/")


@pytest.mark.parametrize(
    ("url", "why"),
    [
        ("https://127.0.0.1/x", "loopback"),
        ("https://[::1]:8443/x", "loopback"),
        ("https://169.254.169.254/latest/meta-data", "link-local"),
        ("http://hooks.example.com/x", "only https"),
    ],
)
async def test_literal_addresses_and_plain_http_are_refused(url: str, why: str) -> None:
    with pytest.raises(UnsafeUrl, match=why):
        await resolving("93.184.215.14").check(url)


async def test_a_host_that_does_not_resolve_is_refused() -> None:
    async def nowhere(host: str, port: int) -> list[str]:
        raise OSError("Name or service not known")

    with pytest.raises(UnsafeUrl, match="does not resolve"):
        await UrlGuard(allow_loopback=False, resolver=nowhere).check("https://nowhere.invalid/")
