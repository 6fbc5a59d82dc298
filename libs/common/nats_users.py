"""Who may publish and subscribe to what on NATS: one user per service, an operations user, and
one user per internal team, limited to the team's tenants.

Pure: `permissions()` says what a user may do; `server_authorization()` writes the
`authorization { users: [...] }` block of nats-server's configuration from it. Subjects are
those of `subjects.py` (`aya.v1.<tenant>.<stage>…`), JetStream's API (`$JS.API.…`), its acks
(`$JS.ACK.<stream>.<consumer>.…`), KV buckets (`$KV.<bucket>.…`) and reply inboxes.

Only the gateway may publish `query.submitted` (so every question passes its limits, budget
and storage), only inference `audit.model_call`; a team may publish only its tenants' `ask`
subjects and read only their answers. Replies: a service answers only on the reply subject of
a request it received (`allow_responses`), and a team reads replies only under its own inbox
prefix (`_INBOX_<user>.`), so it cannot read another client's replies.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from libs.common.ids import is_tenant_id
from libs.common.subjects import (
    PIPELINE_STREAMS,
    PREFIX,
    RATELIMIT_BUCKET,
    SLOTS_BUCKET,
    STREAMS,
    Durable,
    Stage,
    StreamName,
    any_tenant,
    inference_durable,
)
from libs.common.vocab import Tier

ASK = "ask"
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


def team_inbox(user: str) -> str:
    """The inbox prefix a team's client must use (nats-py: `connect(inbox_prefix=...)`)."""
    return f"_INBOX_{user}"


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
            _ANSWER,
            _tenant_stage(Stage.ANSWER, "*", "delta"),
            any_tenant(Stage.AUDIT_MODEL_CALL),
            any_tenant(Stage.FETCH_REQUEST),
            any_tenant(Stage.BUDGET_HOLD),
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
            *_kv(RATELIMIT_BUCKET),
            any_tenant(Stage.QUERY_SUBMITTED),
            _ANSWER,
            *(any_tenant(stage) for stage in _LEDGER_REQUESTS),
            # A question's answer, when it is already in the stream; a dead letter's message.
            *(f"$JS.API.DIRECT.GET.{name}.>" for name in streams),
            *(f"$JS.API.STREAM.MSG.GET.{name}" for name in streams),
            # A dead letter is answered failed, then removed from its work queue.
            *(f"$JS.API.STREAM.MSG.DELETE.{s.value}" for s in sorted(PIPELINE_STREAMS)),
            # A tenant's erasure purges its subjects from every stream and bucket.
            *(f"$JS.API.STREAM.PURGE.{name}" for name in streams),
            *(f"$JS.API.STREAM.PURGE.KV_{b}" for b in (RATELIMIT_BUCKET, SLOTS_BUCKET)),
        ),
        subscribe=(_INBOX, f"{PREFIX}.*.{Stage.ANSWER.value}.>", _tenant_stage(ASK)),
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


def team_permissions(user: str, tenants: Sequence[str]) -> Permissions:
    """An internal team: ask for its tenants, read their answers and its own replies."""
    bad = [t for t in tenants if not is_tenant_id(t)]
    if bad or not tenants:
        raise ValueError(f"a team needs valid tenant ids, got {list(tenants)!r}")
    return Permissions(
        publish=tuple(f"{PREFIX}.{t}.{ASK}" for t in tenants)
        + tuple(f"{PREFIX}.{t}.{ASK}.async" for t in tenants),
        subscribe=(
            f"{team_inbox(user)}.>",
            *(f"{PREFIX}.{t}.{Stage.ANSWER.value}.>" for t in tenants),
        ),
    )


def server_authorization(users: Iterable[NatsUser]) -> str:
    """The `authorization { users: [...] }` block of nats-server's config for `users`.

    JSON strings are valid in nats-server's config syntax, so every name, password and subject
    is written as one (no quoting mistakes, whatever the password holds).
    """
    entries = []
    for user in users:
        perms = user.permissions
        parts = [
            f"user: {json.dumps(user.name)}",
            f"password: {json.dumps(user.password)}",
            "permissions: {"
            f" publish: {{ allow: {json.dumps(list(perms.publish))} }},"
            f" subscribe: {{ allow: {json.dumps(list(perms.subscribe))} }}"
            + (", allow_responses: true" if perms.responses else "")
            + " }",
        ]
        entries.append("    { " + ", ".join(parts) + " }")
    return "authorization {\n  users: [\n" + ",\n".join(entries) + "\n  ]\n}\n"
