"""NATS over TLS: with `AYA_NATS_TLS_CA_FILE` a service connects to a server whose certificate
that CA signed, and refuses one it cannot verify. The CA is a throwaway one made for the test."""

from __future__ import annotations

import asyncio
import ssl
from collections.abc import Iterator
from pathlib import Path

import nats
import pytest
import trustme

from aya.embedded.nats import EmbeddedNats, ServerTls, start_nats
from libs.common.service import create_broker, tls_context
from libs.common.settings import CommonSettings


@pytest.fixture(scope="module")
def tls_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[EmbeddedNats, Path]]:
    home = tmp_path_factory.mktemp("nats-tls")
    ca = trustme.CA()
    cert = ca.issue_cert("127.0.0.1", "localhost")
    cert_file, key_file, ca_file = home / "server.pem", home / "server.key", home / "ca.pem"
    cert.cert_chain_pems[0].write_to_path(str(cert_file))
    cert.private_key_pem.write_to_path(str(key_file))
    ca.cert_pem.write_to_path(str(ca_file))
    server = start_nats(home / "nats", tls=ServerTls(cert_file, key_file))
    try:
        yield server, ca_file
    finally:
        server.stop()


async def _round_trip(settings: CommonSettings) -> bytes:
    broker = create_broker(settings)
    await broker.connect()
    try:
        nc = broker.config.connection_state.connection
        sub = await nc.subscribe("tls.check")
        await nc.publish("tls.check", b"over tls")
        message = await sub.next_msg(timeout=10)
        return bytes(message.data)
    finally:
        await broker.stop()


def test_a_service_connects_over_tls_with_the_configured_ca(
    tls_server: tuple[EmbeddedNats, Path],
) -> None:
    server, ca_file = tls_server
    settings = CommonSettings(nats_url=server.url, nats_tls_ca_file=ca_file)
    assert asyncio.run(_round_trip(settings)) == b"over tls"


def test_a_server_the_ca_did_not_sign_is_refused(
    tls_server: tuple[EmbeddedNats, Path], tmp_path: Path
) -> None:
    server, _ = tls_server
    stranger = tmp_path / "other-ca.pem"
    trustme.CA().cert_pem.write_to_path(str(stranger))
    context = tls_context(CommonSettings(nats_url=server.url, nats_tls_ca_file=stranger))

    async def connect() -> None:
        # The services' context, on one attempt (their broker would keep retrying).
        nc = await nats.connect(server.url, tls=context, allow_reconnect=False)
        await nc.close()

    with pytest.raises(ssl.SSLCertVerificationError):
        asyncio.run(connect())
