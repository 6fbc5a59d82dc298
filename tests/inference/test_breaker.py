"""The circuit breaker's states, with time passed in."""

from __future__ import annotations

from services.inference.breaker import BreakerState, CircuitBreaker


def test_breaker_opens_after_the_threshold_of_consecutive_failures() -> None:
    breaker = CircuitBreaker(failure_threshold=3, reset_after_seconds=10)
    for _ in range(2):
        breaker.failure(now=0)
    assert breaker.allow(now=0)
    breaker.failure(now=0)
    assert breaker.state is BreakerState.OPEN
    assert not breaker.allow(now=5)


def test_a_success_resets_the_failure_count() -> None:
    breaker = CircuitBreaker(failure_threshold=2, reset_after_seconds=10)
    breaker.failure(now=0)
    breaker.success()
    breaker.failure(now=0)
    assert breaker.state is BreakerState.CLOSED


def test_half_open_allows_exactly_one_trial_after_the_cool_down() -> None:
    breaker = CircuitBreaker(failure_threshold=1, reset_after_seconds=10)
    breaker.failure(now=0)
    assert breaker.available(now=10)
    assert breaker.available(now=10)  # peeking does not claim the trial
    assert breaker.allow(now=10)
    assert breaker.state is BreakerState.HALF_OPEN
    assert not breaker.allow(now=11)


def test_successful_trial_closes_and_failed_trial_reopens() -> None:
    breaker = CircuitBreaker(failure_threshold=1, reset_after_seconds=10)
    breaker.failure(now=0)
    assert breaker.allow(now=10)
    breaker.failure(now=10)
    assert breaker.state is BreakerState.OPEN
    assert not breaker.allow(now=15)
    assert breaker.allow(now=20)
    breaker.success()
    assert breaker.state is BreakerState.CLOSED


def test_a_trial_that_never_reports_back_does_not_block_the_engine_forever() -> None:
    breaker = CircuitBreaker(failure_threshold=1, reset_after_seconds=10)
    breaker.failure(now=0)
    assert breaker.allow(now=10)  # its caller is cancelled and never reports
    assert not breaker.allow(now=15)
    assert breaker.allow(now=20)
