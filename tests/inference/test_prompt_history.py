"""The conversation in the prompt: earlier turns between the system prompt and the data, the
newest kept when they do not all fit, counted by the model's own tokenizer."""

from __future__ import annotations

import pytest
from prompt_support import make_job

from libs.common.conversation import ConversationContext, Turn
from libs.common.query import AnalysisJob
from services.inference.prompt.fit import HISTORY_SHARE, NO_ANSWER, build_messages
from services.inference.tokens import TokenCounter, token_counter


@pytest.fixture(scope="module")
def counter() -> TokenCounter:
    return token_counter()


def _turn(n: int, answer: str | None = "Spend was $1,204.50 on Google Ads.") -> Turn:
    return Turn(query_id=f"q{n}", question=f"question number {n} about Google spend", answer=answer)


def _in_conversation(job: AnalysisJob, turns: list[Turn]) -> AnalysisJob:
    conversation = ConversationContext(conversation_id="c1", turn=len(turns) + 1, turns=turns)
    query = job.query.model_copy(update={"conversation": conversation})
    return job.model_copy(update={"query": query})


def test_earlier_turns_come_between_the_system_prompt_and_the_data(
    counter: TokenCounter,
) -> None:
    job = _in_conversation(make_job(text="why is that so high?"), [_turn(1), _turn(2, None)])
    built = build_messages(job, counter=counter, context_tokens=32768, max_output_tokens=1024)
    roles = [m["role"] for m in built.messages]
    assert roles == ["system", "user", "assistant", "user", "assistant", "user", "user"]
    assert built.messages[1]["content"] == "question number 1 about Google spend"
    assert built.messages[4]["content"] == NO_ANSWER
    assert built.messages[-1]["content"] == "why is that so high?"
    assert built.history_turns == 2
    assert built.input_tokens == counter.count_messages(built.messages)


def test_the_oldest_turns_are_dropped_first_when_they_do_not_fit(counter: TokenCounter) -> None:
    long_answer = "Spend rose on every campaign, day after day. " * 12
    turns = [_turn(n, long_answer[:590]) for n in range(1, 7)]
    job = _in_conversation(make_job(text="and on Meta?"), turns)
    context, output = 3072, 512
    built = build_messages(job, counter=counter, context_tokens=context, max_output_tokens=output)
    assert 0 < built.history_turns < len(turns)
    kept = [m["content"] for m in built.messages if m["role"] == "user"][:-2]
    assert kept[-1] == "question number 6 about Google spend"  # the newest stays
    assert "question number 1 about Google spend" not in kept
    history = built.messages[1 : 1 + 2 * built.history_turns]
    question = {"role": "user", "content": "and on Meta?"}
    assert counter.count_messages([*history, question]) <= (context - output) * HISTORY_SHARE
    assert built.input_tokens <= context - output


def test_a_question_outside_a_conversation_has_no_turns(counter: TokenCounter) -> None:
    built = build_messages(
        make_job(), counter=counter, context_tokens=32768, max_output_tokens=1024
    )
    assert built.history_turns == 0
    assert [m["role"] for m in built.messages] == ["system", "user", "user"]
