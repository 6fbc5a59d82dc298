"""The AsyncAPI 3 document of the NATS door for internal teams, generated from the code.

FastStream writes the channels, operations and message schemas from the gateway's typed ask
subscribers and the publishers of what a team reads back (`handlers.door_router`). What its
generator does not write is added here, from the same pydantic contracts: each ask's reply
messages (the answer, the id, the error), the subjects' parameters, the headers, the team
credential, and an example of every message (made by the contracts themselves, so an example
that no longer validates fails to build). `docs/asyncapi.yaml` is this document (a test fails
when they differ: `python tools/asyncapi_doc.py --write`); the gateway serves it at
`/asyncapi.json`, with a readable view at `/asyncapi`.
"""

from __future__ import annotations

import datetime as dt
import functools
import html
import json
from typing import Any

from faststream.nats import NatsBroker
from faststream.specification import AsyncAPI
from faststream.specification.asyncapi.site import (
    ASYNCAPI_CSS_DEFAULT_URL,
    ASYNCAPI_JS_DEFAULT_URL,
)
from pydantic import BaseModel
from pydantic.json_schema import models_json_schema

from libs.common.answer import Answer, AnswerStatus
from libs.common.envelope import Envelope
from libs.common.query import TextDelta
from libs.common.subjects import AskForm
from libs.common.vocab import Route
from services.gateway.handlers import door_router
from services.gateway.ingress import IDEMPOTENCY_KEY, RETRY_AFTER, STATUS
from services.gateway.schemas import (
    ErrorBody,
    ErrorDetail,
    QueryAccepted,
    QueryRequest,
    QueryResult,
    Receipt,
)
from services.gateway.settings import GatewaySettings
from services.gateway.state import GatewayState

API_VERSION = "1.0.0"
_TENANT = "northwind-outfitters"
_ID = "0b7f4c1e-5a8d-4d8e-9a53-3c1b2f6e7d90"
_AT = dt.datetime(2026, 11, 16, 9, 30, tzinfo=dt.UTC)
_QUESTION = "What did we spend on Google last week?"
_ANSWER_TEXT = "You spent $12,480.00 on Google Ads last week (Nov 9–15, 2026)."

_DESCRIPTION = (
    "Internal teams ask Ask Your Ads questions straight on NATS, as REST callers do over "
    "HTTP: the same answers, limits, budgets and storage. Connect with your team's credential "
    "(a user in your team's own account); you may ask only for the tenants your team was "
    "given — the server refuses any other subject. Every reply and receipt carries "
    "`Aya-Status`, the HTTP status the REST API would answer with; errors are "
    '`{"error": {"code", "message"}}` with REST\'s codes.'
)


@functools.cache
def document() -> dict[str, Any]:
    """The whole document, as JSON-ready data (made once per process; treat as read-only)."""
    broker = NatsBroker(
        specification_url="nats://localhost:4222",
        description="Your deployment's NATS (`aya up`: `nats_url` in .aya/stack.json).",
        protocol_version="2.10",
    )
    # The router is only described here, never started: no settings or state are read.
    broker.include_router(door_router(GatewaySettings.model_construct(), _never))
    spec: dict[str, Any] = (
        AsyncAPI(
            broker,
            title="Ask Your Ads — questions on NATS",
            version=API_VERSION,
            description=_DESCRIPTION,
            schema_version="3.0.0",
        )
        .to_specification()
        .to_jsonable()
    )
    _describe_parameters(spec)
    _add_replies(spec)
    _add_headers_and_examples(spec)
    _add_security(spec)
    return _in_stable_order(spec)


def _in_stable_order(spec: dict[str, Any]) -> dict[str, Any]:
    # FastStream keeps publishers in a set: their order changes from one process to the next.
    for section in ("channels", "operations"):
        spec[section] = dict(sorted(spec[section].items()))
    for section in ("messages", "schemas"):
        spec["components"][section] = dict(sorted(spec["components"][section].items()))
    return spec


def _never() -> GatewayState:
    raise RuntimeError("the AsyncAPI document's router is never started")


_PARAMETERS = {
    "tenant": "A tenant your team may ask for (its id, e.g. northwind-outfitters).",
    "query_id": "The question's id (a UUID), as the reply or receipt gave it.",
}


def _describe_parameters(spec: dict[str, Any]) -> None:
    for channel in spec["channels"].values():
        address = channel.get("address") or ""
        found = {n: {"description": d} for n, d in _PARAMETERS.items() if f"{{{n}}}" in address}
        if found:
            channel["parameters"] = found


_REPLY_CHANNEL = "ask-reply"
_REPLIES: dict[str, tuple[type[BaseModel], str]] = {
    "Answered": (QueryResult, "Mode sync: the answer (REST's 200 body). Aya-Status: 200."),
    "Accepted": (QueryAccepted, "Mode async or stream: the question's id. Aya-Status: 202."),
    "Refused": (
        ErrorBody,
        "Why the question was refused: Aya-Status is REST's status — 400 malformed_json or "
        "no_reply_subject, 401 unauthorized (not a team account), 402 budget_exhausted, 404 "
        "not_found, 409 conflict, 413 payload_too_large, 422 invalid_request, 429 rate_limited "
        "or token_limit (with Retry-After), 503 budget_unverified, 504 timeout (with the id).",
    ),
}


def _add_replies(spec: dict[str, Any]) -> None:
    schemas = spec.setdefault("components", {}).setdefault("schemas", {})
    _add_schemas(schemas, [model for model, _ in _REPLIES.values()])
    messages = spec["components"].setdefault("messages", {})
    for name, (model, summary) in _REPLIES.items():
        messages[name] = {
            "name": name,
            "title": name,
            "summary": summary,
            "contentType": "application/json",
            "payload": {"$ref": f"#/components/schemas/{model.__name__}"},
        }
    spec["channels"][_REPLY_CHANNEL] = {
        "address": None,
        "description": "The requester's reply subject (a NATS inbox).",
        "messages": {name: {"$ref": f"#/components/messages/{name}"} for name in _REPLIES},
    }
    for name, operation in spec["operations"].items():
        if name.startswith("ask-") and operation["action"] == "receive":
            operation["reply"] = {"channel": {"$ref": f"#/channels/{_REPLY_CHANNEL}"}}


def _add_schemas(schemas: dict[str, Any], models: list[type[BaseModel]]) -> None:
    _, generated = models_json_schema(
        [(model, "serialization") for model in models],
        ref_template="#/components/schemas/{model}",
    )
    for name, schema in generated.get("$defs", {}).items():
        schemas.setdefault(name, schema)


_REPLY_HEADERS = {
    "type": "object",
    "properties": {
        STATUS: {"type": "string", "description": "REST's HTTP status for this outcome."},
        RETRY_AFTER: {"type": "string", "description": "On a 429: seconds until a retry."},
    },
    "required": [STATUS],
}
_ASK_HEADERS = {
    "type": "object",
    "properties": {
        IDEMPOTENCY_KEY: {
            "type": "string",
            "minLength": 1,
            "maxLength": 200,
            "description": "The same key for the same tenant is the same question, answered "
            "once; receipts quote it.",
        },
        "traceparent": {"type": "string", "description": "W3C trace context to continue."},
    },
}


def _examples() -> dict[str, dict[str, Any]]:
    """One example payload per message kind, made (and so validated) by the contracts."""
    answer = Answer(
        query_id=_ID,
        tenant_id=_TENANT,
        status=AnswerStatus.ANSWERED,
        route=Route.DIRECT,
        answer=_ANSWER_TEXT,
        data={"totals": {"spend": "12480.00"}, "currency": "USD"},
        answered_at=_AT,
    )
    return {
        "ask": QueryRequest(query=_QUESTION).model_dump(mode="json"),
        "Answered": QueryResult(
            id=_ID,
            status="answered",
            route=Route.DIRECT,
            answer=_ANSWER_TEXT,
            data={"totals": {"spend": "12480.00"}, "currency": "USD"},
        ).model_dump(mode="json", exclude={"query", "created_at"}),
        "Accepted": QueryAccepted(id=_ID).model_dump(mode="json"),
        "Refused": ErrorBody(
            error=ErrorDetail(
                code="rate_limited",
                message="Too many requests: this tenant may send 120 per minute; retry in 14 s.",
            )
        ).model_dump(mode="json", exclude_none=True),
        "answer": Envelope[Answer](
            query_id=_ID,
            tenant_id=_TENANT,
            principal="nats:team-reporting",
            submitted_at=_AT,
            body=answer,
        ).model_dump(mode="json", exclude_none=True),
        "answer-text": TextDelta(seq=0, text="You spent ").model_dump(mode="json"),
        "ask-receipts": Receipt(id=_ID, status="queued", idempotency_key="weekly-42").model_dump(
            mode="json", exclude_none=True
        ),
    }


def _add_headers_and_examples(spec: dict[str, Any]) -> None:
    examples = _examples()
    asks = {f"ask-{form.value}" for form in AskForm}
    for key, message in spec["components"]["messages"].items():
        kind = key.split(":")[0]  # FastStream names a message `<title>:<kind>`
        if kind in asks:
            message["headers"] = _ASK_HEADERS
            message["examples"] = [{"name": kind, "payload": examples["ask"]}]
            continue
        if kind in _REPLIES or kind == "ask-receipts":
            message["headers"] = _REPLY_HEADERS
        message["examples"] = [{"name": kind, "payload": examples[kind]}]


def _add_security(spec: dict[str, Any]) -> None:
    spec["components"]["securitySchemes"] = {
        "teamCredential": {
            "type": "userPassword",
            "description": "Your team's NATS user and password (`aya up`: `nats_team` in "
            ".aya/stack.json); TLS where the deployment turns it on.",
        }
    }
    for server in spec["servers"].values():
        server["security"] = [{"$ref": "#/components/securitySchemes/teamCredential"}]


def html_view(spec_url: str) -> str:
    """A page rendering the document with AsyncAPI's React component (loaded from its CDN)."""
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Ask Your Ads — questions on NATS (AsyncAPI)</title>
<link rel="stylesheet" href="{ASYNCAPI_CSS_DEFAULT_URL}">
</head>
<body>
<div id="asyncapi"></div>
<script src="{ASYNCAPI_JS_DEFAULT_URL}"></script>
<script>
AsyncApiStandalone.render({{
  schema: {{ url: {html.escape(json.dumps(spec_url), quote=False)} }},
  config: {{ show: {{ sidebar: true }} }}
}}, document.getElementById("asyncapi"));
</script>
<noscript><a href="{html.escape(spec_url)}">The document itself</a></noscript>
</body>
</html>
"""
