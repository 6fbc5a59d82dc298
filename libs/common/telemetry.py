"""Tracing: a span for each stage of a question in each service, joined into one trace by the
W3C `traceparent` each envelope (and each request-reply) carries; every span names its tenant.

Spans go to an OpenTelemetry collector over OTLP/HTTP (`AYA_OTLP_ENDPOINT`) and/or to JSON
lines in `AYA_TRACE_DIR/<service>.jsonl` (development and tests); with neither, spans are still
made (their trace ids reach the logs and the ledger) but not exported.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any

from opentelemetry import trace
from opentelemetry.context import Context
from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import ReadableSpan, SpanProcessor, TracerProvider
from opentelemetry.sdk.trace.export import BatchSpanProcessor, ConsoleSpanExporter
from opentelemetry.trace import Span, SpanKind
from opentelemetry.trace.propagation.tracecontext import TraceContextTextMapPropagator

from libs.common.logs import context_field, log_context
from libs.common.settings import CommonSettings

logger = logging.getLogger(__name__)

TENANT = "aya.tenant_id"
QUERY = "aya.query_id"
_PROPAGATOR = TraceContextTextMapPropagator()
_TRACER = "ask-your-ads"


class TenantStamp(SpanProcessor):
    """Names the tenant being served on spans that libraries start inside our work (MCP's
    client spans, for instance), from the log context every handler sets."""

    def on_start(self, span: Span, parent_context: Context | None = None) -> None:
        tenant = context_field("tenant_id")
        attributes = getattr(span, "attributes", None) or {}
        if tenant and TENANT not in attributes:
            span.set_attribute(TENANT, tenant)


def tracer_provider(service: str, settings: CommonSettings) -> TracerProvider:
    """A provider for `service` with the exporters the settings ask for."""
    provider = TracerProvider(resource=Resource.create({"service.name": f"aya-{service}"}))
    provider.add_span_processor(TenantStamp())
    if settings.otlp_endpoint:
        endpoint = settings.otlp_endpoint.rstrip("/") + "/v1/traces"
        provider.add_span_processor(BatchSpanProcessor(OTLPSpanExporter(endpoint=endpoint)))
    if settings.trace_dir is not None:
        settings.trace_dir.mkdir(parents=True, exist_ok=True)
        out = (settings.trace_dir / f"{service}.jsonl").open("a", encoding="utf-8")
        exporter = ConsoleSpanExporter(out=out, formatter=_json_line)
        provider.add_span_processor(BatchSpanProcessor(exporter, schedule_delay_millis=200))
    return provider


def configure_tracing(service: str, settings: CommonSettings) -> None:
    """Install the service's provider (once per process; it flushes at exit)."""
    trace.set_tracer_provider(tracer_provider(service, settings))


def _json_line(span: ReadableSpan) -> str:
    return str(span.to_json(indent=None)) + "\n"


@contextmanager
def span(
    name: str,
    tenant_id: str,
    *,
    query_id: str | None = None,
    parent: str | None = None,
    kind: SpanKind = SpanKind.INTERNAL,
    attributes: Mapping[str, str | int | float | bool] | None = None,
) -> Iterator[Span]:
    """A span of the tenant's work, child of `parent` (a traceparent) when given, else of the
    current span; log lines inside carry its trace id."""
    context = _PROPAGATOR.extract({"traceparent": parent}) if parent else None
    fields: dict[str, Any] = {TENANT: tenant_id, **(attributes or {})}
    if query_id is not None:
        fields[QUERY] = query_id
    tracer = trace.get_tracer(_TRACER)
    with tracer.start_as_current_span(name, context=context, kind=kind, attributes=fields) as made:
        trace_id = made.get_span_context().trace_id
        with log_context(trace_id=f"{trace_id:032x}" if trace_id else None):
            yield made


def current_traceparent() -> str | None:
    """The traceparent of the current span (to send with a message), or None outside one."""
    carrier: dict[str, str] = {}
    _PROPAGATOR.inject(carrier)
    return carrier.get("traceparent")


def traceparent_of(headers: Mapping[str, Any] | None) -> str | None:
    """The traceparent a message arrived with."""
    value = (headers or {}).get("traceparent")
    return value if isinstance(value, str) else None


def trace_headers() -> dict[str, str]:
    """Headers that carry the current span to a request-reply responder."""
    parent = current_traceparent()
    return {"traceparent": parent} if parent else {}
