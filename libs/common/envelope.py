"""`Envelope`: the ids, tenant, principal and trace context around every pipeline message."""

from __future__ import annotations

import datetime as dt
from typing import Any, Generic, TypeVar, cast

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr

from libs.common.ids import TenantId
from libs.common.telemetry import current_traceparent

BodyT = TypeVar("BodyT", bound=BaseModel)
NextT = TypeVar("NextT", bound=BaseModel)


class Envelope(BaseModel, Generic[BodyT]):
    """One pipeline message: who asked (tenant, principal), which question, and the body."""

    # Tolerant inside the system: a newer producer's extra fields must not break an older consumer.
    model_config = ConfigDict(extra="ignore")

    query_id: str = Field(description="The question's UUID.", examples=["6f1c…"])
    tenant_id: TenantId = Field(description="Owning tenant.", examples=["northwind-outfitters"])
    principal: str = Field(description="Who asked: API key id or JWT subject.", examples=["key_1"])
    traceparent: str | None = Field(default=None, description="W3C trace context of the request.")
    submitted_at: dt.datetime = Field(description="When the gateway accepted the question (UTC).")
    timings: dict[str, float] = Field(
        default_factory=dict, description="Milliseconds spent per stage so far (Server-Timing)."
    )
    body: BodyT = Field(description="The stage's payload.")
    _wire: bytes | None = PrivateAttr(default=None)

    @classmethod
    def from_wire(cls, data: bytes) -> Envelope[BodyT]:
        """The envelope read from a message's bytes, which it keeps (see `wire`)."""
        envelope = cls.model_validate_json(data)
        envelope._wire = data
        return envelope

    @property
    def wire(self) -> bytes:
        """The JSON this envelope arrived as; one made in this process, serialised."""
        return self._wire if self._wire is not None else self.model_dump_json().encode()

    def forward(self, body: NextT, **timings: float) -> Envelope[NextT]:
        """The next stage's envelope: same ids and trace, new body, timings (ms) extended."""
        fields = self.model_dump(exclude={"body", "timings"})
        # The next stage's span is a child of the one forwarding (when there is one).
        fields["traceparent"] = current_traceparent() or self.traceparent
        forwarded = Envelope[Any](**fields, body=body, timings={**self.timings, **timings})
        return cast("Envelope[NextT]", forwarded)
