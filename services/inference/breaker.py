"""A circuit breaker per engine: closed → open after N failures → half-open after a cool-down,
where one trial call decides between closed and open again. Time is passed in, so it is pure."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class BreakerState(StrEnum):
    """Where the breaker stands."""

    CLOSED = "closed"
    OPEN = "open"
    HALF_OPEN = "half_open"


@dataclass
class CircuitBreaker:
    """Consecutive-failure breaker; `allow(now)` says whether a call may go through."""

    failure_threshold: int
    reset_after_seconds: float
    state: BreakerState = BreakerState.CLOSED
    failures: int = 0
    opened_at: float = 0.0
    trial_in_flight: bool = field(default=False)
    trial_started: float = 0.0

    def available(self, now: float) -> bool:
        """Whether a call could be made now, without claiming the half-open trial."""
        self._advance(now)
        return self.state is BreakerState.CLOSED or not self._trial_busy(now)

    def allow(self, now: float) -> bool:
        """True when a call may be made now; in half-open this claims the one trial, so call
        it only right before the call."""
        self._advance(now)
        if self.state is BreakerState.CLOSED:
            return True
        if self._trial_busy(now):
            return False
        self.trial_in_flight = True
        self.trial_started = now
        return True

    def _advance(self, now: float) -> None:
        if self.state is BreakerState.OPEN and now - self.opened_at >= self.reset_after_seconds:
            self.state = BreakerState.HALF_OPEN
            self.trial_in_flight = False

    def _trial_busy(self, now: float) -> bool:
        # A trial that never reported back (its worker was cancelled or died) must not block
        # the engine forever: after another cool-down the next caller may try.
        if self.state is not BreakerState.HALF_OPEN:
            return True
        return self.trial_in_flight and now - self.trial_started < self.reset_after_seconds

    def success(self) -> None:
        """A call succeeded: close."""
        self.state = BreakerState.CLOSED
        self.failures = 0
        self.trial_in_flight = False

    def failure(self, now: float) -> None:
        """A call failed: count it; open at the threshold, or at once after a failed trial."""
        self.failures += 1
        if self.state is BreakerState.HALF_OPEN or self.failures >= self.failure_threshold:
            self.state = BreakerState.OPEN
            self.opened_at = now
            self.trial_in_flight = False
