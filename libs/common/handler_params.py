"""The message and the broker a subscriber takes, resolved on the event loop.

FastStream's own annotations (`faststream.nats.annotations.NatsMessage`, `NatsBroker`) resolve
through `Context.use`, a plain function, and fast_depends runs every plain function it resolves
on a worker thread (`anyio.to_thread.run_sync`): two thread hand-offs per message just to look
up two names in a dict, a tenth of a busy worker's CPU in the profile. These aliases resolve the
same context entries with a coroutine, so nothing leaves the loop. Handlers annotate with them
exactly as with FastStream's.
"""

from __future__ import annotations

from typing import Annotated, Any

from faststream._internal.context import Context
from faststream.nats.broker import NatsBroker as _Broker
from faststream.nats.message import NatsMessage as _Message


class _OnLoop(Context):
    """A context entry resolved by a coroutine (fast_depends awaits it in place)."""

    async def use(self, /, **kwargs: Any) -> dict[str, Any]:  # type: ignore[override]
        return Context.use(self, **kwargs)


NatsMessage = Annotated[_Message, _OnLoop("message")]
NatsBroker = Annotated[_Broker, _OnLoop("broker")]
