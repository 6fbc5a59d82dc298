"""Gateway settings."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field, SecretStr

from libs.common.settings import CommonSettings, MigrationSettings


class GatewaySettings(CommonSettings, MigrationSettings):
    """The REST front door: where it listens, how long a sync question waits, body limits."""

    gateway_host: str = Field(default="127.0.0.1", description="Gateway listen address.")
    gateway_port: int | None = Field(
        default=None,
        ge=0,
        le=65535,
        description="Gateway port; unset = 8080 (`aya serve`), any free port (`aya up`).",
    )
    sync_timeout_seconds: float = Field(
        default=30.0, gt=0, le=300, description="How long a sync question waits before 504."
    )
    max_body_bytes: int = Field(
        default=16_384, ge=1024, description="Largest request body accepted (413 above)."
    )
    chat_max_body_bytes: int = Field(
        default=262_144,
        ge=1024,
        description="Largest body of an OpenAI-compatible chat request (it carries the "
        "conversation so far).",
    )
    operator_keys: list[SecretStr] = Field(
        default_factory=list,
        description="Platform operator keys (JSON list): they create agencies; keep them secret.",
    )
    jwt_algorithm: str = Field(
        default="RS256", description="JWT signature algorithm (e.g. RS256, ES256, HS256)."
    )
    jwt_key: SecretStr | None = Field(
        default=None, description="JWT verification key: PEM public key or HMAC secret."
    )
    jwt_jwks_url: str | None = Field(
        default=None, description="JWKS URL to fetch JWT verification keys from."
    )
    jwt_audience: str | None = Field(default=None, description="Required JWT audience, if any.")
    jwt_issuer: str | None = Field(default=None, description="Required JWT issuer, if any.")
    usage_timeout_seconds: float = Field(
        default=5.0, gt=0, le=60, description="How long a usage report may take (503 after)."
    )
    ask_workers: int = Field(
        default=64,
        ge=1,
        le=1024,
        description="NATS questions one gateway handles at once (a sync one holds its worker "
        "until answered).",
    )
    conversation_max_turns: int = Field(
        default=50,
        ge=1,
        le=1000,
        description="Turns a conversation holds; a question past them starts a new one (the "
        "response says so).",
    )
    conversation_history_turns: int = Field(
        default=6,
        ge=1,
        le=50,
        description="Earlier turns a question carries (follow-ups resolve against the last; "
        "analysis prompts fit what they can, newest first).",
    )
    conversation_stale_seconds: float = Field(
        default=600.0,
        gt=0,
        le=86_400,
        description="A turn unanswered this long no longer holds back the turns after it.",
    )
    conversation_sweep_seconds: float = Field(
        default=30.0,
        gt=0,
        le=3600,
        description="How often the gateway releases turns left waiting behind a stale one.",
    )
    db_pool_size: int = Field(default=10, ge=1, le=200, description="PostgreSQL pool size.")
    db_wait_seconds: float = Field(
        default=5.0,
        gt=0,
        le=60,
        description="How long a request waits for a PostgreSQL connection before it is "
        "answered 503 (while PostgreSQL is down, or every connection is busy).",
    )
    webhook_timeout_seconds: float = Field(
        default=10.0,
        gt=0,
        le=60,
        description="How long one webhook delivery attempt may take (connect to response).",
    )
    webhook_concurrency: int = Field(
        default=16, ge=1, le=256, description="Webhook deliveries one gateway sends at once."
    )
    webhook_tenant_concurrency: int = Field(
        default=4,
        ge=1,
        le=256,
        description="Of those, at most this many of one tenant (a dead receiver cannot take "
        "every sender).",
    )
    webhook_poll_seconds: float = Field(
        default=1.0, gt=0, le=60, description="How often a gateway looks for due deliveries."
    )
    webhook_retry_base_seconds: float = Field(
        default=30.0,
        gt=0,
        le=3600,
        description="Delay before a failed delivery's first retry (doubles per try, jittered).",
    )
    webhook_retry_max_seconds: float = Field(
        default=3600.0, gt=0, le=86_400, description="Longest delay between two retries."
    )
    webhook_retry_window_seconds: float = Field(
        default=86_400.0,
        gt=0,
        le=7 * 86_400,
        description="How long after its event a delivery is still retried (then it is failed).",
    )
    watch_local_hour: int = Field(
        default=7,
        ge=0,
        le=23,
        description="Local hour (the tenant's time zone) from which its daily anomaly watch "
        "scans yesterday.",
    )
    watch_poll_seconds: float = Field(
        default=300.0,
        ge=0,
        le=3600,
        description="How often a gateway looks for tenants whose anomaly watch is due (0: this "
        "gateway starts none).",
    )
    webhook_ca_file: Path | None = Field(
        default=None,
        description="Extra CA certificate(s) webhook deliveries trust, beside the system's "
        "(e.g. a private CA of the receivers).",
    )
