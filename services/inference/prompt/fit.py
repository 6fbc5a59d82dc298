"""The prompt for one analysis job: system rules, the conversation so far, the data as quoted
JSON, then the question.

In this order: the system prompt (our text only); the conversation's recent turns, each a user
question and the assistant's (shortened) answer; the data (user role, fenced JSON between
delimiter lines, declared to be data); and the user's question, verbatim and last. Nothing the
user or an ad platform wrote reaches the system prompt. The turns take at most a quarter of the
room, the newest kept; then the data is shrunk along a ladder until the whole request, counted
by the model's own tokenizer, leaves room for the answer (and when even the totals do not fit,
the turns go first).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import partial
from typing import Any, NamedTuple

from libs.common import AyaError
from libs.common.query import AnalysisJob
from services.inference.engines.base import Message
from services.inference.prompt.facts import lighter_facts
from services.inference.prompt.messages import (
    DATA_END,
    DATA_START,
    SHAPES,
    data_message,
    output_shape,
    system_prompt,
    tenant_data,
)
from services.inference.prompt.render import (
    Detail,
    Grain,
    full_detail,
    render,
    rows_rendered_once,
    table_lines,
)
from services.inference.prompt.view import DataView, build_view
from services.inference.tokens import TokenCounter

__all__ = [
    "DATA_END",
    "DATA_START",
    "SHAPES",
    "WEEKLY_AFTER_DAYS",
    "Aggregation",
    "BuiltPrompt",
    "PromptTooLargeError",
    "build_messages",
    "data_message",
    "output_shape",
    "system_prompt",
]

HISTORY_SHARE = 0.25
"""The most of the room for input the conversation's earlier turns may take."""
NO_ANSWER = "(No answer: that question failed.)"
WEEKLY_AFTER_DAYS = 14
"""Periods longer than this may be summed per week when their daily lines do not fit."""


class PromptTooLargeError(AyaError):
    """Even the totals alone do not fit the model's context next to the answer's tokens."""

    code = "prompt_too_large"


class Aggregation(StrEnum):
    """The finest time grain the data message carries (per campaign per day, or tenant-wide)."""

    CAMPAIGN_DAILY = "campaign_daily"
    DAILY = "daily"
    WEEKLY = "weekly"
    TOTALS = "none"


@dataclass(frozen=True)
class BuiltPrompt:
    """The messages for the engine, their exact size, and what data the model saw.

    `rows_included`/`rows_total` count table lines (days, campaigns, campaign-days, baseline
    weekdays) sent and available at the finest level; campaigns beyond `campaigns_included`
    (by spend) are only in the totals. `view` and `detail` say what the data was made from,
    for `grounding.given_figures`.
    """

    messages: list[Message]
    input_tokens: int
    rows_included: int
    rows_total: int
    aggregation: Aggregation
    campaigns_included: int
    campaigns_total: int
    data: dict[str, Any]
    view: DataView
    detail: Detail
    history_turns: int = 0
    """Earlier turns of the conversation the prompt carries."""


class _Candidate(NamedTuple):
    """The request at one level of detail, counted."""

    messages: list[Message]
    tokens: int
    data: dict[str, Any]


def build_messages(
    job: AnalysisJob,
    *,
    counter: TokenCounter,
    context_tokens: int,
    max_output_tokens: int,
    tools: Sequence[Mapping[str, Any]] = (),
    facts: Mapping[str, Any] | None = None,
) -> BuiltPrompt:
    """The prompt for `job` at the finest detail whose request fits beside the answer;
    `facts` (the analyst's `prompt_facts`) go with every detail level, lightened (then left
    out) only when even the totals do not fit beside them.

    Raises PromptTooLargeError when even the totals alone do not fit.
    """
    with rows_rendered_once():
        return _build(job, counter, context_tokens, max_output_tokens, tools, facts)


def _build(
    job: AnalysisJob,
    counter: TokenCounter,
    context_tokens: int,
    max_output_tokens: int,
    tools: Sequence[Mapping[str, Any]],
    facts: Mapping[str, Any] | None,
) -> BuiltPrompt:
    room = context_tokens - max_output_tokens
    view = build_view(job)
    full = full_detail(view)
    rows_total = table_lines(render(view, full))
    history = recent_turns(job, counter, int(room * HISTORY_SHARE))
    # History goes before the rows are cut; the analyst's facts are cut last, and only when
    # even the totals do not fit beside them.
    tries = [(given, turns) for given in lighter_facts(facts) for turns in [history, []]]
    for given, turns in tries if history else [(given, []) for given in lighter_facts(facts)]:
        system = system_prompt(job, view, facts=bool(given))
        candidate = _Fitter(job, view, system, turns, counter, tools, given)
        fits = candidate.fits(room)
        # A large request is not counted whole before the totals alone are known to fit.
        if (candidate.chars(full) > 2 * room or not fits(full)) and not fits(FLOOR):
            continue  # not even the totals fit beside these facts: no level between will
        for detail in _ladder(view, full, fits, candidate.guess(room)):
            if fits(detail):
                messages, tokens, data = candidate(detail)
                return BuiltPrompt(
                    messages=messages,
                    input_tokens=tokens,
                    rows_included=table_lines(data),
                    rows_total=rows_total,
                    aggregation=_level(detail),
                    campaigns_included=detail.campaigns,
                    campaigns_total=full.campaigns,
                    data=data,
                    view=view,
                    detail=detail,
                    history_turns=len(turns) // 2,
                )
    raise PromptTooLargeError(
        f"the prompt needs more than {room} input tokens even with totals only "
        f"(context {context_tokens}, {max_output_tokens} reserved for the answer)"
    )


def recent_turns(job: AnalysisJob, counter: TokenCounter, budget: int) -> list[Message]:
    """The conversation's earlier turns as messages (a question, then its answer), the most
    recent that fit in `budget` tokens by exact count: the oldest are dropped first."""
    conversation = job.query.conversation
    if conversation is None:
        return []
    pairs: list[list[Message]] = [
        [
            {"role": "user", "content": turn.question},
            {"role": "assistant", "content": turn.answer or NO_ANSWER},
        ]
        for turn in conversation.turns
    ]
    question: Message = {"role": "user", "content": job.query.text}
    for start in range(len(pairs)):
        messages = [message for pair in pairs[start:] for message in pair]
        # Counted before the question: a chat request cannot end on an assistant's turn.
        if counter.count_messages([*messages, question], ()) <= budget:
            return messages
    return []


@dataclass
class _Fitter:
    """The request at each level of detail, with the turns given, counted once per level."""

    job: AnalysisJob
    view: DataView
    system: str
    turns: list[Message]
    counter: TokenCounter
    tools: Sequence[Mapping[str, Any]]
    facts: Mapping[str, Any] | None

    def __post_init__(self) -> None:
        self._made: dict[Detail, _Candidate] = {}
        self._rendered: dict[Detail, tuple[list[Message], dict[str, Any]]] = {}

    def fits(self, room: int) -> Callable[[Detail], bool]:
        """Whether the request at a level of detail fits in `room` tokens: by exact count,
        except that a request more than twice the room at the totals' own tokens per
        character is not counted (data is denser in tokens than the prose around it, so the
        totals' rate is the lowest a larger request can have)."""

        def check(detail: Detail) -> bool:
            floor = self._made.get(FLOOR)
            if floor is not None and detail not in self._made:
                rate = floor.tokens / _chars(floor.messages)
                if self.chars(detail) * rate > 2 * room:
                    return False
            return self(detail).tokens <= room

        return check

    def chars(self, detail: Detail) -> int:
        """Characters of the request's messages at a level of detail (rendered, not counted)."""
        return _chars(self._render(detail)[0])

    def guess(self, room: int) -> Callable[[Grain, int], int]:
        """Where the exact search for the most campaigns of a grain should start: the sizes in
        characters of its smallest and largest versions, at the tokens per character counted
        so far, interpolated (a request grows about linearly with its campaigns). Only a
        starting point; the answer is still decided by exact counts."""

        def most(series: Grain, available: int) -> int:
            # Tokens per added character of data, between the smallest and largest requests
            # counted (the data is denser in tokens than the prompt's prose around it).
            sizes = sorted((c.tokens, _chars(c.messages)) for c in self._made.values())
            if len(sizes) < 2 or available == 0 or sizes[-1][1] <= sizes[0][1]:
                return 0
            (low_tokens, low_chars), (high_tokens, high_chars) = sizes[0], sizes[-1]
            per_char = (high_tokens - low_tokens) / (high_chars - low_chars)
            smallest = _chars(self._render(Detail(0, False, series))[0])
            largest = _chars(self._render(Detail(available, False, series))[0])
            if largest <= smallest or per_char <= 0:
                return available
            chars_that_fit = low_chars + (room - low_tokens) / per_char
            return int((chars_that_fit - smallest) / ((largest - smallest) / available))

        return most

    def __call__(self, detail: Detail) -> _Candidate:
        if detail not in self._made:
            messages, data = self._render(detail)
            tokens = self.counter.count_messages(messages, self.tools)
            self._made[detail] = _Candidate(messages, tokens, data)
        return self._made[detail]

    def _render(self, detail: Detail) -> tuple[list[Message], dict[str, Any]]:
        if detail not in self._rendered:
            data = render(self.view, detail)
            if self.facts:
                data["analysis"] = dict(self.facts)
            tenant = tenant_data(self.job)
            if tenant is not None:
                data["tenant_context"] = tenant
            messages: list[Message] = [
                {"role": "system", "content": self.system},
                *self.turns,
                {"role": "user", "content": data_message(data)},
                {"role": "user", "content": self.job.query.text},
            ]
            self._rendered[detail] = (messages, data)
        return self._rendered[detail]


def _chars(messages: list[Message]) -> int:
    return sum(len(str(message.get("content") or "")) for message in messages)


FLOOR = Detail(0, campaign_daily=False, series=Grain.NONE)
"""The smallest data message: totals, no campaign, no series."""


def _ladder(
    view: DataView,
    full: Detail,
    fits: Callable[[Detail], bool],
    guess: Callable[[Grain, int], int] = lambda _, __: 0,
) -> Iterator[Detail]:
    # Finest first; then per series grain (daily, weekly, none) the most campaigns that fit.
    # Lazy, so a job that fits at full detail costs one token count.
    yield full
    if full.campaign_daily:
        yield Detail(full.campaigns, campaign_daily=False)
    grains = [Grain.DAILY] if view.daily else []
    if view.period.days > WEEKLY_AFTER_DAYS:
        grains.append(Grain.WEEKLY)
    for series in [*grains, Grain.NONE]:
        start = guess(series, full.campaigns)
        top = _most_campaigns(full.campaigns, partial(_fits_with, fits, series), start)
        if top is not None:
            yield Detail(top, False, series)


def _fits_with(fits: Callable[[Detail], bool], series: Grain, campaigns: int) -> bool:
    return fits(Detail(campaigns, False, series))


def _most_campaigns(available: int, fits: Callable[[int], bool], guess: int = 0) -> int | None:
    # The largest top-N by spend that fits (sizes grow with N): from the guess, steps of
    # doubling length towards the answer, then a binary search in the last step. A guess off
    # by one costs three counts; the guess 0 is a plain exponential search.
    guess = min(max(guess, 0), available)
    step = 1
    if fits(guess):
        low, high = guess, available
        while low < high:
            probe = min(low + step, available)
            if not fits(probe):
                high = probe - 1
                break
            low, step = probe, step * 2
    else:
        failed = guess
        while True:
            if failed == 0:
                return None
            probe = max(failed - step, 0)
            if fits(probe):
                low, high = probe, failed - 1
                break
            failed, step = probe, step * 2
    while low < high:  # fits(low); high + 1 does not fit (or is past the end)
        middle = (low + high + 1) // 2
        low, high = (middle, high) if fits(middle) else (low, middle - 1)
    return low


def _level(detail: Detail) -> Aggregation:
    if detail.campaign_daily:
        return Aggregation.CAMPAIGN_DAILY
    return Aggregation(detail.series.value)
