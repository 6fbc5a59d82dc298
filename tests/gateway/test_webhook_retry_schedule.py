"""When a failed delivery is tried again: doubling delays, capped, jittered, within a day."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from services.gateway.retry_schedule import RetrySchedule

SCHEDULE = RetrySchedule(base_seconds=30, cap_seconds=3600)


@pytest.mark.parametrize(
    ("failures", "ceiling"), [(1, 30), (2, 60), (3, 120), (8, 3600), (30, 3600)]
)
def test_delays_double_up_to_the_cap_jittered_down_to_half(failures: int, ceiling: float) -> None:
    rng = random.Random(failures)
    delays = [SCHEDULE.delay(failures, rng) for _ in range(200)]
    assert all(ceiling / 2 <= d <= ceiling for d in delays)
    assert len({round(d, 6) for d in delays}) > 150  # jittered: receivers are not hit at once


def test_retries_stop_when_the_next_try_would_pass_the_window() -> None:
    event = dt.datetime(2026, 11, 22, 8, tzinfo=dt.UTC)
    give_up = event + dt.timedelta(days=1)
    rng = random.Random(7)
    now, failures, tries = event, 0, []
    while True:
        failures += 1
        following = SCHEDULE.next_attempt(failures, now, give_up, rng)
        if following is None:
            break
        tries.append(following)
        now = following
    assert tries == sorted(tries)
    assert tries[-1] <= give_up
    assert give_up - tries[-1] < dt.timedelta(hours=1)  # tried until the end of the day
    assert 25 <= len(tries) <= 40  # about 7 doublings, then hourly
