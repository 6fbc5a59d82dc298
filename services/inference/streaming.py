"""Streaming an answer while it is written: an engine call that hands each piece of text on
(`Streaming`), and the numbered pieces published to the waiting client (`AnswerDeltas`).

Once a piece has reached the client, the answer cannot fall over to another engine (the client
has seen the text): a failure then surfaces as `StreamBrokenError`.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from faststream.nats.annotations import NatsBroker

from libs.common.envelope import Envelope
from libs.common.query import AnalysisJob, TextDelta
from libs.common.subjects import delta_subject
from services.inference.engines.base import ChatRequest, ChatResult, EngineError, ModelEngine

OnText = Callable[[str], Awaitable[None]]
"""Where a streamed piece of text goes."""


class StreamBrokenError(Exception):
    """A streamed answer failed after text had been sent: no fall-over is possible any more."""

    def __init__(self, cause: EngineError) -> None:
        super().__init__(str(cause))
        self.cause = cause


class Streaming:
    """An engine call that streams: each piece goes to `on_text`. Once text has been sent, a
    failure cannot fall over, so it surfaces as StreamBrokenError."""

    def __init__(self, on_text: OnText) -> None:
        self._on_text = on_text
        self.sent = False

    async def __call__(self, engine: ModelEngine, request: ChatRequest) -> ChatResult:
        """One streamed attempt."""
        try:
            async for event in engine.stream(request):
                if isinstance(event, ChatResult):
                    return event
                self.sent = True
                await self._on_text(event.text)
        except EngineError as exc:
            if self.sent:
                raise StreamBrokenError(exc) from exc
            raise
        raise EngineError("the stream ended without a result", code="stream_cut", transient=True)


class AnswerDeltas:
    """Publishes an answer's text to the waiting client over core NATS, numbered in order."""

    def __init__(self, broker: NatsBroker, envelope: Envelope[AnalysisJob]) -> None:
        self._broker = broker
        self._subject = delta_subject(envelope.tenant_id, envelope.query_id)
        self._query_id = envelope.query_id
        self._seq = 0

    async def send(self, text: str) -> None:
        """Publish the next piece."""
        await self._broker.publish(
            TextDelta(seq=self._seq, text=text), self._subject, correlation_id=self._query_id
        )
        self._seq += 1
