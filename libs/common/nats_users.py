"""Who may publish and subscribe to what on NATS: one user per service and an operations user,
in the APP account; one account per internal team, limited to the team's tenants.

Pure: `permissions()` says what a service user may do; `server_accounts()` writes the
`accounts` block of nats-server's configuration from it. Subjects are those of `subjects.py`
(`aya.v1.<tenant>.<stage>…`), JetStream's API (`$JS.API.…`), its acks
(`$JS.ACK.<stream>.<consumer>.…`), KV buckets (`$KV.<bucket>.…`) and reply inboxes.

Only the gateway may publish `query.submitted` (so every question passes its limits, budget
and storage), only inference `audit.model_call`; a service answers only on the reply subject
of a request it received (`allow_responses`). A team's account sees nothing of APP but what it
imports: its tenants' `ask` subjects — imported as services that share the requester's
identity, so the gateway knows the team from the server, never from the message — and those
tenants' answers. Other teams' traffic and replies are in other accounts.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from libs.common.ids import is_tenant_id
from libs.common.subjects import (
    ANSWER_CACHE_BUCKET,
    ASK_RECEIPTS,
    PIPELINE_STREAMS,
    PREFIX,
    RATELIMIT_BUCKET,
    SLOTS_BUCKET,
    STREAMS,
    AskForm,
    Durable,
    Stage,
    StreamName,
    any_tenant,
    ask_subject,
    inference_durable,
    receipts_subject,
)
from libs.common.vocab import Tier

ASK = Stage.ASK.value
"""The ingress stage a team publishes questions on: `aya.v1.<tenant>.ask`."""


class ServiceUser(StrEnum):
    """The NATS users of our own processes."""

    GATEWAY = "gateway"
    ROUTER = "router"
    DATA_FETCH = "data-fetch"
    INFERENCE = "inference"
    AUDIT = "audit"
    OPS = "ops"
    """Operations and tests: everything (streams, purges, inspection). Never a service's."""


@dataclass(frozen=True)
class Permissions:
    """Subjects a user may publish to and subscribe to; `responses`: may answer requests."""

    publish: tuple[str, ...]
    subscribe: tuple[str, ...]
    responses: bool = False


@dataclass(frozen=True)
class NatsUser:
    """A user of the server and its password (kept in the deployment's secrets)."""

    name: str
    password: str
    permissions: Permissions


def _tenant_stage(stage: Stage | str, *parts: str) -> str:
    value = stage.value if isinstance(stage, Stage) else stage
    return ".".join((PREFIX, "*", value, *parts))


def _streams_declared() -> list[str]:
    # Every service declares the streams on start (idempotent); none may delete or purge them.
    names = [spec.name.value for spec in STREAMS]
    return ["$JS.API.INFO", *(f"$JS.API.STREAM.{op}.{n}" for n in names for op in _DECLARE)]


_DECLARE = ("INFO", "CREATE", "UPDATE")


def _consume(stream: StreamName, durable: str) -> list[str]:
    """Publish rights of a durable pull consumer of `stream`: create, inspect, fetch, ack."""
    s = stream.value
    return [
        f"$JS.API.CONSUMER.CREATE.{s}.{durable}",
        f"$JS.API.CONSUMER.CREATE.{s}.{durable}.>",
        f"$JS.API.CONSUMER.DURABLE.CREATE.{s}.{durable}",
        f"$JS.API.CONSUMER.INFO.{s}.{durable}",
        f"$JS.API.CONSUMER.MSG.NEXT.{s}.{durable}",
        f"$JS.ACK.{s}.{durable}.>",
    ]


def _kv(bucket: str) -> list[str]:
    """Publish rights to use (and declare) one KV bucket."""
    stream = f"KV_{bucket}"
    return [
        f"$KV.{bucket}.>",
        *(f"$JS.API.STREAM.{op}.{stream}" for op in (*_DECLARE, "MSG.GET")),
        f"$JS.API.DIRECT.GET.{stream}",
        f"$JS.API.DIRECT.GET.{stream}.>",
    ]


_INBOX = "_INBOX.>"
_ASK_FORMS: tuple[tuple[str, ...], ...] = ((), (AskForm.ASYNC.value,))
"""Tokens after `aya.v1.<tenant>.ask` of each ask subject (request-reply, fire-and-forget)."""


def permissions(user: ServiceUser) -> Permissions:
    """What one of our processes may do on NATS, and nothing more."""
    return _SERVICES[user]()


_ANSWER = _tenant_stage(Stage.ANSWER, "*")


def _router() -> Permissions:
    return Permissions(
        publish=(
            *_streams_declared(),
            *_consume(StreamName.QUERIES, Durable.ROUTER),
            any_tenant(Stage.PLAN_READY),
            _ANSWER,
        ),
        subscribe=(_INBOX,),
    )


def _data_fetch() -> Permissions:
    return Permissions(
        publish=(
            *_streams_declared(),
            *_consume(StreamName.PLANS, Durable.DATA_FETCH),
            *_kv(ANSWER_CACHE_BUCKET),  # direct answers kept for a repeat
            _tenant_stage(Stage.ANALYSIS_REQUESTED, "*"),
            _ANSWER,
        ),
        subscribe=(_INBOX, any_tenant(Stage.FETCH_REQUEST)),
        responses=True,
    )


def _inference() -> Permissions:
    consumers = [_consume(StreamName.ANALYSIS, inference_durable(tier)) for tier in Tier]
    return Permissions(
        publish=(
            *_streams_declared(),
            *(subject for consumer in consumers for subject in consumer),
            *_kv(SLOTS_BUCKET),
            *_kv(ANSWER_CACHE_BUCKET),
            _ANSWER,
            _tenant_stage(Stage.ANSWER, "*", "delta"),
            any_tenant(Stage.AUDIT_MODEL_CALL),
            any_tenant(Stage.FETCH_REQUEST),
            any_tenant(Stage.BUDGET_HOLD),
            # The daily anomaly watch's findings (scanned here, where the analyst is).
            any_tenant(Stage.ANOMALY_DETECTED),
        ),
        subscribe=(_INBOX,),
    )


_LEDGER_REQUESTS = (
    Stage.USAGE_REQUEST,
    Stage.BUDGET_STATUS,
    Stage.LEDGER_EXPORT,
    Stage.LEDGER_ERASE,
)
"""What the gateway asks the audit service (the ledger's owner)."""


def _audit() -> Permissions:
    return Permissions(
        publish=(
            *_streams_declared(),
            *_consume(StreamName.AUDIT, Durable.AUDIT),
            any_tenant(Stage.BUDGET_ALERT),
        ),
        subscribe=(
            _INBOX,
            *(any_tenant(stage) for stage in (*_LEDGER_REQUESTS, Stage.BUDGET_HOLD)),
        ),
        responses=True,
    )


def _gateway() -> Permissions:
    streams = [spec.name.value for spec in STREAMS]
    return Permissions(
        publish=(
            *_streams_declared(),
            *_consume(StreamName.ANSWERS, Durable.GATEWAY_ANSWERS),
            *_consume(StreamName.DEADLETTER, Durable.GATEWAY_DEADLETTER),
            # Budget alerts (published by audit) become the tenants' alerts and webhooks.
            *_consume(StreamName.AUDIT, Durable.GATEWAY_ALERTS),
            *_consume(StreamName.ALERTS, Durable.GATEWAY_ANOMALIES),
            *_kv(RATELIMIT_BUCKET),
            any_tenant(Stage.QUERY_SUBMITTED),
            _ANSWER,
            any_tenant(Stage.ASK, ASK_RECEIPTS),
            *(any_tenant(stage) for stage in _LEDGER_REQUESTS),
            # A question's answer, when it is already in the stream; a dead letter's message.
            *(f"$JS.API.DIRECT.GET.{name}.>" for name in streams),
            *(f"$JS.API.STREAM.MSG.GET.{name}" for name in streams),
            # A dead letter is answered failed, then removed from its work queue.
            *(f"$JS.API.STREAM.MSG.DELETE.{s.value}" for s in sorted(PIPELINE_STREAMS)),
            # A tenant's erasure purges its subjects from every stream and bucket.
            *(f"$JS.API.STREAM.PURGE.{name}" for name in streams),
            *(
                f"$JS.API.STREAM.PURGE.KV_{b}"
                for b in (RATELIMIT_BUCKET, SLOTS_BUCKET, ANSWER_CACHE_BUCKET)
            ),
        ),
        subscribe=(
            _INBOX,
            f"{PREFIX}.*.{Stage.ANSWER.value}.>",
            *(_tenant_stage(ASK, *form) for form in _ASK_FORMS),
        ),
        responses=True,
    )


def _ops() -> Permissions:
    return Permissions(publish=(">",), subscribe=(">",))


_SERVICES = {
    ServiceUser.GATEWAY: _gateway,
    ServiceUser.ROUTER: _router,
    ServiceUser.DATA_FETCH: _data_fetch,
    ServiceUser.INFERENCE: _inference,
    ServiceUser.AUDIT: _audit,
    ServiceUser.OPS: _ops,
}


APP_ACCOUNT = "APP"
"""The account of every service user (and `ops`): the pipeline, its streams and buckets."""


@dataclass(frozen=True)
class Team:
    """An internal team: its own account and user, and the tenants it may ask for."""

    name: str
    password: str
    tenants: tuple[str, ...]


def team_permissions(tenants: Sequence[str]) -> Permissions:
    """A team's user, inside its own account: ask for its tenants, read their answers, receipts
    and its replies (its account holds nothing else)."""
    bad = [t for t in tenants if not is_tenant_id(t)]
    if bad or not tenants:
        raise ValueError(f"a team needs valid tenant ids, got {list(tenants)!r}")
    return Permissions(
        publish=tuple(subject for t in tenants for subject in _ask_subjects(t)),
        subscribe=("_INBOX.>", *(s for t in tenants for s in _readable(t))),
    )


def _ask_subjects(tenant_id: str) -> tuple[str, ...]:
    return tuple(ask_subject(tenant_id, form) for form in AskForm)


def _readable(tenant_id: str) -> tuple[str, str]:
    """What a team reads of one tenant: its answers and the receipts of its questions."""
    return f"{PREFIX}.{tenant_id}.{Stage.ANSWER.value}.>", receipts_subject(tenant_id)


def server_accounts(services: Iterable[NatsUser], teams: Iterable[Team]) -> str:
    """The `accounts` block of nats-server's config: the services in APP, each team in an
    account of its own that imports only its tenants' `ask` subjects (as services that share
    the requester's identity: the gateway reads it from the `Nats-Request-Info` header the
    server sets) and their answers.

    JSON strings are valid in nats-server's config syntax, so every name, password and subject
    is written as one (no quoting mistakes, whatever the password holds).
    """
    exports = [
        *({"service": _tenant_stage(ASK, *form)} for form in _ASK_FORMS),
        {"stream": f"{PREFIX}.*.{Stage.ANSWER.value}.>"},
        {"stream": any_tenant(Stage.ASK, ASK_RECEIPTS)},
    ]
    app = [
        "jetstream: enabled",
        f"users: [{', '.join(_user(u.name, u.password, u.permissions) for u in services)}]",
        f"exports: [{', '.join(_entry(e) for e in exports)}]",
    ]
    blocks = [f"  {APP_ACCOUNT}: {{\n    " + "\n    ".join(app) + "\n  }"]
    for team in teams:
        imports = [
            f"{{ service: {{ account: {APP_ACCOUNT}, subject: {json.dumps(subject)} }}, "
            "share: true }"
            for t in team.tenants
            for subject in _ask_subjects(t)
        ] + [
            f"{{ stream: {{ account: {APP_ACCOUNT}, subject: {json.dumps(readable)} }} }}"
            for t in team.tenants
            for readable in _readable(t)
        ]
        user = _user(team.name, team.password, team_permissions(team.tenants))
        blocks.append(
            f"  {json.dumps(team.name)}: {{\n    users: [{user}]\n"
            f"    imports: [{', '.join(imports)}]\n  }}"
        )
    return "accounts {\n" + "\n".join(blocks) + "\n}\n"


def _user(name: str, password: str, perms: Permissions) -> str:
    allow = (
        f"permissions: {{ publish: {{ allow: {json.dumps(list(perms.publish))} }}, "
        f"subscribe: {{ allow: {json.dumps(list(perms.subscribe))} }}"
        + (", allow_responses: true" if perms.responses else "")
        + " }"
    )
    return f"{{ user: {json.dumps(name)}, password: {json.dumps(password)}, {allow} }}"


def _entry(entry: dict[str, str]) -> str:
    return "{ " + ", ".join(f"{k}: {json.dumps(v)}" for k, v in entry.items()) + " }"
