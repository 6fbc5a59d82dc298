"""Settings shared by every service: read once, from `AYA_*` variables (and platform aliases)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import AliasChoices, Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from libs.common.clock import Clock


class CommonSettings(BaseSettings):
    """Base for each service's settings; subclasses add their own fields."""

    # An empty variable is an unset one: compose and Kubernetes pass "" for optional values
    # left blank (an empty MISTRAL_API_KEY must mean no managed engine, not a key "").
    model_config = SettingsConfigDict(
        env_prefix="AYA_", extra="ignore", populate_by_name=True, env_ignore_empty=True
    )

    environment: Literal["development", "test", "production"] = Field(
        default="development", description="Deployment environment; production rejects dev secrets."
    )
    home: Path = Field(
        default=Path(".aya"), description="State directory of the embedded stack (stack.json)."
    )
    today: date | None = Field(
        default=None,
        description="Pin the clock's date everywhere (YYYY-MM-DD): questions, answers, the "
        "ledger, budget months and retention are dated on that day.",
    )
    default_timezone: str = Field(
        default="UTC", description="IANA time zone used when a tenant has none configured."
    )
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = Field(
        default="INFO", description="Minimum level of the JSON logs."
    )
    nats_url: str | None = Field(
        default=None,
        validation_alias=AliasChoices("AYA_NATS_URL", "NATS_URL"),
        description="External NATS server; unset = the embedded one.",
    )
    nats_user: str | None = Field(
        default=None,
        description="NATS user this process connects as (each service has its own); unset = "
        "no authentication.",
    )
    nats_password: SecretStr | None = Field(default=None, description="That user's password.")
    nats_tls_ca_file: Path | None = Field(
        default=None,
        description="CA certificate(s) that signed the NATS server's certificate; set = connect "
        "over TLS.",
    )
    nats_tls_cert_file: Path | None = Field(
        default=None, description="Client certificate, when the server asks for one (mutual TLS)."
    )
    nats_tls_key_file: Path | None = Field(
        default=None, description="The client certificate's private key."
    )
    database_url: str | None = Field(
        default=None,
        validation_alias=AliasChoices("AYA_DATABASE_URL", "DATABASE_URL"),
        description="External PostgreSQL (application role); unset = the embedded one.",
    )

    ack_wait_seconds: float = Field(
        default=30.0, gt=0, description="JetStream AckWait: redelivery delay after a worker dies."
    )
    max_deliver: int = Field(
        default=5,
        ge=1,
        description="Deliveries of a pipeline message before it is answered failed.",
    )
    retry_base_seconds: float = Field(
        default=0.5, gt=0, description="First nak delay of a transient failure (doubles per try)."
    )
    pull_batch_size: int = Field(
        default=1,
        ge=1,
        le=256,
        description="Messages a worker pulls per fetch. 1 hands each message over as it "
        "arrives; with more, nats-py holds a message that arrives alone until the batch fills "
        "or the pull expires (up to a second per stage).",
    )
    answer_cache_seconds: float = Field(
        default=86_400,
        ge=0,
        description="How long an answer is kept for a repeat (a model answer for the same "
        "request; a direct answer for the same plan, briefly when its period reaches today); "
        "0 turns the answer cache off.",
    )
    handler_concurrency: int = Field(
        default=32,
        ge=1,
        le=1024,
        description="Messages one consumer handles at once (router, data_fetch, audit and the "
        "gateway's consumers; inference has AYA_CONCURRENCY). Beyond it, pulling waits.",
    )
    stream_replicas: int = Field(
        default=1, ge=1, le=5, description="JetStream replicas of the streams (3 in production)."
    )

    otlp_endpoint: str | None = Field(
        default=None,
        validation_alias=AliasChoices("AYA_OTLP_ENDPOINT", "OTEL_EXPORTER_OTLP_ENDPOINT"),
        description="OpenTelemetry collector base URL (OTLP/HTTP); spans go to /v1/traces.",
    )
    trace_dir: Path | None = Field(
        default=None,
        description="Also write each service's spans as JSON lines to <dir>/<service>.jsonl.",
    )

    @field_validator("default_timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown IANA time zone: {value!r}") from exc
        return value

    @model_validator(mode="after")
    def _nats_pairs(self) -> CommonSettings:
        if (self.nats_user is None) != (self.nats_password is None):
            raise ValueError("AYA_NATS_USER and AYA_NATS_PASSWORD go together")
        if (self.nats_tls_cert_file is None) != (self.nats_tls_key_file is None):
            raise ValueError("AYA_NATS_TLS_CERT_FILE and AYA_NATS_TLS_KEY_FILE go together")
        return self

    @property
    def clock(self) -> Clock:
        """The clock this service reads (pinned to `today` when it is set)."""
        return Clock(self.today)


class WorkerSettings(CommonSettings):
    """A worker service (router, data_fetch, inference, audit): where its ops endpoints
    (`/healthz`, `/readyz`, `/metrics`) listen."""

    ops_host: str = Field(
        default="127.0.0.1",
        description="Address of a worker's /healthz, /readyz and /metrics (0.0.0.0 in a "
        "container, so it can be probed and scraped).",
    )
    ops_port: int = Field(
        default=9100,
        ge=0,
        le=65535,
        description="Port of those endpoints (0: any free port; `aya up` binds them itself).",
    )


class MigrationSettings(BaseSettings):
    """For a service that owns tables: who runs its migrations and whom they grant access."""

    # An empty variable is an unset one: compose and Kubernetes pass "" for optional values
    # left blank (an empty MISTRAL_API_KEY must mean no managed engine, not a key "").
    model_config = SettingsConfigDict(
        env_prefix="AYA_", extra="ignore", populate_by_name=True, env_ignore_empty=True
    )

    database_admin_url: str | None = Field(
        default=None,
        validation_alias=AliasChoices("AYA_DATABASE_ADMIN_URL"),
        description="Owner connection for migrations; unset = migrations use AYA_DATABASE_URL.",
    )
    app_role: str = Field(
        default="aya_app", description="PostgreSQL role the services connect as (granted access)."
    )
    retention_sweep_seconds: float = Field(
        default=3600.0,
        ge=0.5,
        le=86_400,
        description="How often the service deletes its rows that are past their retention.",
    )
