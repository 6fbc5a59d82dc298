"""`aya route`: JSON lines of questions on stdin, one JSON line of plan (or error) each on stdout.

Streams line by line (flushing each answer) so it works as a pipe filter; a malformed line gets
`{"id", "error"}` and the batch goes on. Lines that name the same `"conversation"` are turns of
one conversation: each is read as a follow-up of the one before. The router itself is imported
only when run.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections.abc import Callable, Iterable
from datetime import date
from typing import Any, TextIO
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

MAX_QUERY_CHARS = 2000
Planner = Callable[[str, str | None, object], dict[str, Any]]
"""(question, conversation or None, line id) -> the plan's contract view."""


def _iso_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date in YYYY-MM-DD form: {value!r}") from None


def _zone(value: str) -> str:
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        raise argparse.ArgumentTypeError(f"unknown IANA time zone: {value!r}") from None
    return value


def configure(parser: argparse.ArgumentParser) -> None:
    """Add the `aya route` options."""
    parser.add_argument(
        "--today", type=_iso_date, help="Resolve dates against this day (overrides AYA_TODAY)."
    )
    parser.add_argument(
        "--timezone", type=_zone, help="IANA time zone for 'today' (default: AYA_DEFAULT_TIMEZONE)."
    )


def run(args: argparse.Namespace) -> int:
    """Answer every line of stdin; 0 when every line was answered."""
    from pydantic import ValidationError

    from libs.common.clock import Clock
    from libs.common.conversation import Turn
    from libs.common.settings import CommonSettings
    from services.router import build_plan

    try:
        settings = CommonSettings()
    except ValidationError as exc:
        print(f"aya route: invalid settings: {exc.errors()[0]['msg']}", file=sys.stderr)
        return 2
    timezone = args.timezone or settings.default_timezone
    today = Clock(args.today or settings.today).today(timezone)

    last: dict[str, Turn] = {}

    def plan(text: str, conversation: str | None, qid: object) -> dict[str, Any]:
        previous = last.get(conversation) if conversation is not None else None
        made = build_plan(text, today=today, timezone=timezone, previous=previous)
        if conversation is not None:  # carried_from names the earlier line by its id
            last[conversation] = Turn(query_id=str(qid), question=text, plan=made)
        return made.contract_view()

    answer_lines(sys.stdin.buffer, sys.stdout, plan)
    return 0


def answer_lines(lines: Iterable[bytes], out: TextIO, plan: Planner) -> None:
    """Write one JSON answer per non-blank input line, in order, flushing each."""
    for raw in lines:
        if not raw.strip():
            continue
        out.write(json.dumps(answer(raw, plan), ensure_ascii=False) + "\n")
        out.flush()


def answer(raw: bytes, plan: Planner) -> dict[str, Any]:
    """The plan for one input line, or `{"id", "error"}` saying what is wrong with it."""
    try:
        item = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        return {"id": None, "error": "The line is not valid UTF-8."}
    except json.JSONDecodeError as exc:
        return {"id": None, "error": f"The line is not valid JSON ({exc.msg})."}
    if not isinstance(item, dict):
        return {"id": None, "error": 'Each line must be a JSON object with "id" and "query".'}
    qid = item.get("id")
    if not _valid_id(qid):
        return {"id": None, "error": '"id" must be a string or a number.'}
    problem = _query_problem(item.get("query", None), "query" in item)
    if problem is not None:
        return {"id": qid, "error": problem}
    conversation = item.get("conversation")
    if conversation is not None and not (isinstance(conversation, str) and conversation):
        return {"id": qid, "error": '"conversation" must be a non-empty string.'}
    return {"id": qid, **plan(item["query"], conversation, qid)}


def _valid_id(qid: object) -> bool:
    if isinstance(qid, bool):
        return False
    if isinstance(qid, float):
        return math.isfinite(qid)
    return isinstance(qid, str | int)


def _query_problem(query: object, present: bool) -> str | None:
    if not present:
        return '"query" is missing.'
    if not isinstance(query, str):
        return '"query" must be a string.'
    if not query.strip():
        return '"query" is empty.'
    if len(query) > MAX_QUERY_CHARS:
        return f'"query" is {len(query)} characters long; the limit is {MAX_QUERY_CHARS}.'
    return None
