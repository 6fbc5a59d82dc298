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

    def allow(self, now: float) -> bool:
        """True when a call may be made now (in half-open, only one trial at a time)."""
        if self.state is BreakerState.OPEN and now - self.opened_at >= self.reset_after_seconds:
            self.state = BreakerState.HALF_OPEN
            self.trial_in_flight = False
        if self.state is BreakerState.CLOSED:
            return True
        if self.state is BreakerState.HALF_OPEN and not self.trial_in_flight:
            self.trial_in_flight = True
            return True
        return False

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
