"""Bodies and answers of the webhook admin API and of `GET /v1/alerts` (strict at the edge:
unknown fields refused, every field bounded)."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict, Field, field_validator
from pydantic.config import JsonDict

from libs.common.alerts import AlertEvent

_UUID: JsonDict = {"format": "uuid"}
_SECRET_PATTERN = r"^[\x21-\x7e]{16,200}$"
"""A secret given by the admin: 16–200 printable ASCII characters, no spaces."""


def _https_url(value: str) -> str:
    """A webhook URL: https, a host, no user or password, no fragment (precise 422s)."""
    if any(ch.isspace() or ord(ch) < 0x20 for ch in value):
        raise ValueError("must not contain spaces or control characters")
    try:
        parts = urlsplit(value)
        port = parts.port
    except ValueError as exc:
        raise ValueError(f"not a valid URL ({exc})") from exc
    if parts.scheme.lower() != "https":
        raise ValueError("must be an https:// URL (deliveries are only sent over TLS)")
    if not parts.hostname:
        raise ValueError("must name a host")
    if parts.username is not None or parts.password is not None:
        raise ValueError("must not carry a user name or password (sign with the secret instead)")
    if parts.fragment:
        raise ValueError("must not have a #fragment")
    if port == 0:
        raise ValueError("the port must be from 1 to 65535")
    return value


_URL: dict[str, Any] = {
    "min_length": 9,
    "max_length": 2048,
    "description": "Where deliveries are POSTed: an https URL whose host resolves to public "
    "addresses only.",
    "examples": ["https://hooks.example.com/aya"],
}
_EVENTS: dict[str, Any] = {
    "min_length": 1,
    "max_length": 3,
    "description": "The events sent to it: budget.threshold, budget.exhausted, anomaly.detected.",
    "examples": [["budget.threshold", "budget.exhausted"]],
}


def _distinct(events: list[AlertEvent]) -> list[AlertEvent]:
    if len(set(events)) != len(events):
        raise ValueError("names an event twice")
    return events


class NewWebhook(BaseModel):
    """`POST /v1/admin/tenants/{id}/webhooks`: a webhook to register."""

    model_config = ConfigDict(extra="forbid")

    url: str = Field(**_URL)
    events: list[AlertEvent] = Field(**_EVENTS)
    secret: str | None = Field(
        default=None,
        pattern=_SECRET_PATTERN,
        description="The signing secret (16–200 printable characters); absent: we generate "
        "one. Either way it is shown in the creation's response only.",
    )
    enabled: bool = True
    description: str = Field(default="", max_length=200, pattern=r"^[^\x00]*$")

    @field_validator("url")
    @classmethod
    def _url(cls, value: str) -> str:
        return _https_url(value)

    @field_validator("events")
    @classmethod
    def _events(cls, value: list[AlertEvent]) -> list[AlertEvent]:
        return _distinct(value)


class WebhookPatch(BaseModel):
    """`PATCH …/webhooks/{webhook_id}`: what to change (at least one field)."""

    model_config = ConfigDict(extra="forbid")

    url: str | None = Field(default=None, **_URL)
    events: list[AlertEvent] | None = Field(default=None, **_EVENTS)
    enabled: bool | None = None
    description: str | None = Field(default=None, max_length=200, pattern=r"^[^\x00]*$")

    @field_validator("url")
    @classmethod
    def _url(cls, value: str | None) -> str | None:
        return None if value is None else _https_url(value)

    @field_validator("events")
    @classmethod
    def _events(cls, value: list[AlertEvent] | None) -> list[AlertEvent] | None:
        return None if value is None else _distinct(value)


class WebhookView(BaseModel):
    """A registered webhook (never its secret)."""

    id: str = Field(json_schema_extra=_UUID)
    url: str
    events: list[AlertEvent]
    enabled: bool
    description: str
    created_at: dt.datetime
    updated_at: dt.datetime


class CreatedWebhook(WebhookView):
    """A webhook as created: its signing secret is shown here once and never again."""

    secret: str = Field(description="Verify each delivery's Aya-Signature with it.")


class WebhookList(BaseModel):
    """The tenant's webhooks, newest first."""

    items: list[WebhookView]


class AttemptView(BaseModel):
    """One try of a delivery."""

    attempt: int
    at: dt.datetime
    status_code: int | None = Field(description="The receiver's HTTP status; none if no answer.")
    error: str | None = Field(description="Why it failed without a status (timeout, refused…).")
    duration_ms: int


class DeliveryView(BaseModel):
    """One alert sent (or being sent) to one webhook, with every attempt."""

    id: str = Field(json_schema_extra=_UUID, description="Sent as the Aya-Delivery header.")
    alert_id: str = Field(json_schema_extra=_UUID, description="The body's id.")
    event: AlertEvent
    state: Literal["pending", "delivered", "failed"] = Field(
        description="pending: to be tried (again); delivered: a 2xx came back; failed: the "
        "retry window ended without one."
    )
    created_at: dt.datetime
    next_attempt_at: dt.datetime | None
    give_up_at: dt.datetime
    finished_at: dt.datetime | None
    attempts: list[AttemptView]


class DeliveryList(BaseModel):
    """A webhook's deliveries, newest first, with a cursor for the next page."""

    items: list[DeliveryView]
    next_cursor: str | None = None


class AlertView(BaseModel):
    """One alert of the tenant."""

    id: str = Field(json_schema_extra=_UUID)
    kind: AlertEvent
    raised_at: dt.datetime
    data: dict[str, Any] = Field(description="What happened (see the README for each kind).")


class AlertList(BaseModel):
    """`GET /v1/alerts`: newest first, with a cursor for the next page."""

    items: list[AlertView]
    next_cursor: str | None = None
