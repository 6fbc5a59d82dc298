"""When the daily anomaly watch is due: the tenant's local morning, its yesterday, once."""

from __future__ import annotations

import datetime as dt

import pytest

from services.gateway.watch_schedule import due_day, watch_question

DAY = dt.date(2026, 11, 11)


@pytest.mark.parametrize(
    ("utc", "zone", "due"),
    [
        ("2026-11-11T05:59:00", "UTC", False),  # before 07:00 locally
        ("2026-11-11T07:00:00", "UTC", True),
        ("2026-11-11T06:30:00", "Europe/Paris", True),  # 07:30 in Paris
        ("2026-11-11T06:30:00", "America/New_York", False),  # 01:30 in New York
        ("2026-11-11T12:00:00", "America/New_York", True),
    ],
)
def test_the_watch_waits_for_the_tenants_local_morning(utc: str, zone: str, due: bool) -> None:
    now = dt.datetime.fromisoformat(utc).replace(tzinfo=dt.UTC)
    day = due_day(now, DAY, zone, hour=7, last=None)
    assert day == (DAY - dt.timedelta(days=1) if due else None)


def test_a_watched_day_is_not_watched_again() -> None:
    now = dt.datetime(2026, 11, 11, 9, tzinfo=dt.UTC)
    yesterday = DAY - dt.timedelta(days=1)
    assert due_day(now, DAY, "UTC", 7, last=yesterday) is None
    assert due_day(now, DAY, "UTC", 7, last=yesterday - dt.timedelta(days=3)) == yesterday


def test_the_question_names_the_day_by_its_date() -> None:
    assert watch_question(dt.date(2026, 11, 10)) == "Anything unusual on 2026-11-10?"
