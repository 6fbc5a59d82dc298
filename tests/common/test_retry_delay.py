"""Redelivery delays: doubling from the base with full jitter, never past their ceiling."""

from __future__ import annotations

from libs.common.bus import retry_delay
from libs.common.settings import CommonSettings


def test_the_delay_doubles_per_delivery_within_half_to_all_of_its_step() -> None:
    settings = CommonSettings(retry_base_seconds=0.5)
    for delivered, step in ((1, 0.5), (2, 1.0), (3, 2.0), (6, 16.0)):
        for _ in range(50):
            assert step / 2 <= retry_delay(delivered, settings) <= step


def test_a_delivery_that_never_gives_up_waits_at_most_its_longest_delay() -> None:
    settings = CommonSettings(retry_base_seconds=0.5)
    for delivered in (7, 60, 10_000):  # the ledger's events are retried without a count
        assert 15.0 <= retry_delay(delivered, settings, longest=30.0) <= 30.0
