"""When a failed webhook delivery is tried again: exponential backoff with jitter, until its
retry window (a day after the event, by default) is over."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass


@dataclass(frozen=True)
class RetrySchedule:
    """Delays of the tries after a failure: `base`·2^(n−1), at most `cap`, each jittered
    down to half of it (so receivers that came back are not hit by every sender at once)."""

    base_seconds: float
    cap_seconds: float

    def delay(self, failures: int, rng: random.Random | None = None) -> float:
        """Seconds to wait after the `failures`-th failed attempt (1 = the first)."""
        ceiling = min(self.cap_seconds, self.base_seconds * 2 ** max(failures - 1, 0))
        return (rng or random).uniform(ceiling / 2, ceiling)

    def next_attempt(
        self,
        failures: int,
        now: dt.datetime,
        give_up_at: dt.datetime,
        rng: random.Random | None = None,
    ) -> dt.datetime | None:
        """When to try again after the `failures`-th failure, or None: the window is over."""
        at = now + dt.timedelta(seconds=self.delay(failures, rng))
        return at if at <= give_up_at else None
