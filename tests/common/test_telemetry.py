"""Spans leave a service over OTLP/HTTP as an OpenTelemetry collector receives them: a fake
collector (the one party we cannot run here) decodes the real protobuf wire format."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from opentelemetry.proto.collector.trace.v1.trace_service_pb2 import (
    ExportTraceServiceRequest,
    ExportTraceServiceResponse,
)
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from libs.common.logs import log_context
from libs.common.settings import CommonSettings
from libs.common.telemetry import TENANT, tracer_provider
from tests.fakes.threaded_server import ThreadedServer


class Collector:
    """Receives OTLP/HTTP trace exports and keeps the decoded requests."""

    def __init__(self) -> None:
        self.received: list[ExportTraceServiceRequest] = []
        self.server = ThreadedServer(
            Starlette(routes=[Route("/v1/traces", self._traces, methods=["POST"])])
        )

    async def _traces(self, request: Request) -> Response:
        assert request.headers["content-type"] == "application/x-protobuf"
        export = ExportTraceServiceRequest()
        export.ParseFromString(await request.body())
        self.received.append(export)
        return Response(
            ExportTraceServiceResponse().SerializeToString(),
            media_type="application/x-protobuf",
        )

    def spans(self) -> list[tuple[str, str, dict[str, str]]]:
        """(service, span name, string attributes) of every span received."""
        found = []
        for export in self.received:
            for resource_spans in export.resource_spans:
                service = next(
                    a.value.string_value
                    for a in resource_spans.resource.attributes
                    if a.key == "service.name"
                )
                for scope in resource_spans.scope_spans:
                    for item in scope.spans:
                        attributes = {a.key: a.value.string_value for a in item.attributes}
                        found.append((service, item.name, attributes))
        return found


@pytest.fixture
def collector() -> Iterator[Collector]:
    made = Collector()
    with made.server:
        yield made


def test_spans_reach_an_otlp_collector_named_with_the_tenant_being_served(
    collector: Collector,
) -> None:
    provider = tracer_provider("data_fetch", CommonSettings(otlp_endpoint=collector.server.url))
    tracer = provider.get_tracer("a library")  # e.g. MCP's client, which knows no tenant
    with (
        log_context(tenant_id="helio-analytics"),
        tracer.start_as_current_span("MCP send"),
        tracer.start_as_current_span("nested"),
    ):
        pass
    with tracer.start_as_current_span("outside any tenant's work"):
        pass
    assert provider.force_flush(10_000)
    provider.shutdown()
    assert sorted(collector.spans()) == [
        ("aya-data_fetch", "MCP send", {TENANT: "helio-analytics"}),
        ("aya-data_fetch", "nested", {TENANT: "helio-analytics"}),
        ("aya-data_fetch", "outside any tenant's work", {}),
    ]
