"""Token counts are the Mistral tokenizer's own, checked against the template built by hand."""

from __future__ import annotations

import pytest

from services.inference.tokens import (
    DEFAULT_TOKENIZER,
    TokenCounter,
    available_tokenizers,
    token_counter,
    tokenizer_for_model,
)

SYSTEM = "You are an analytics assistant."
DATA = 'Data:\n```json\n{"totals":{"spend":4210.55,"roas":3.42}}\n```'
QUESTION = "Why did ROAS drop last week?"


@pytest.fixture(scope="module")
def counter() -> TokenCounter:
    return token_counter()


def test_text_count_is_the_raw_tokenizer_encoding(counter: TokenCounter) -> None:
    assert counter.count_text(QUESTION) == len(counter.encode_text(QUESTION)) > 0
    assert counter.count_text("") == 0


def test_chat_count_equals_template_tokens_around_the_joined_contents(
    counter: TokenCounter,
) -> None:
    # The v3 tekken template: <s>[INST] system\n\nuser\n\nuser [/INST] — consecutive user
    # turns are joined, the system prompt goes in front of the last user turn.
    messages = [
        {"role": "system", "content": SYSTEM},
        {"role": "user", "content": DATA},
        {"role": "user", "content": QUESTION},
    ]
    by_hand = [
        counter.special_token("<s>"),
        counter.special_token("[INST]"),
        *counter.encode_text(f"{SYSTEM}\n\n{DATA}\n\n{QUESTION}"),
        counter.special_token("[/INST]"),
    ]
    assert counter.encode_messages(messages) == by_hand
    assert counter.count_messages(messages) == len(by_hand)


def test_tools_are_counted_with_the_request(counter: TokenCounter) -> None:
    messages = [{"role": "user", "content": QUESTION}]
    tool = {
        "type": "function",
        "function": {"name": "get_metrics", "description": "Fetch metrics.", "parameters": {}},
    }
    assert counter.count_messages(messages, [tool]) > counter.count_messages(messages) + 5


def test_tool_call_round_trip_is_countable(counter: TokenCounter) -> None:
    function = {"name": "get_metrics", "arguments": '{"start_date": "2026-11-09"}'}
    call = {"id": "abcdefghi", "type": "function", "function": function}
    messages = [
        {"role": "user", "content": QUESTION},
        {"role": "assistant", "content": None, "tool_calls": [call]},
        {"role": "tool", "tool_call_id": "abcdefghi", "name": "get_metrics", "content": "[]"},
    ]
    assert counter.count_messages(messages) > counter.count_messages(messages[:1])


def test_openai_only_message_keys_are_ignored(counter: TokenCounter) -> None:
    plain = [{"role": "user", "content": QUESTION}]
    extra = [{"role": "user", "content": QUESTION, "name": "ana", "refusal": None}]
    assert counter.count_messages(extra) == counter.count_messages(plain)


def test_each_version_loads_once_and_counts() -> None:
    text = "Überprüfe die Kampagnen 📈 — ROAS 3,42×"
    assert token_counter("tekken_240718").version == "tekken_240718"
    assert token_counter("tekken_240718").count_text(text) > 0
    assert token_counter(DEFAULT_TOKENIZER) is token_counter(DEFAULT_TOKENIZER)


def test_unknown_version_is_refused_with_the_known_ones() -> None:
    with pytest.raises(ValueError, match="tekken_240911"):
        TokenCounter("../../etc/passwd")
    assert "tekken_240911" in available_tokenizers()


def test_models_map_to_their_tokenizer_version() -> None:
    assert tokenizer_for_model("open-mistral-nemo-2407") == "tekken_240718"
    assert tokenizer_for_model("pixtral-12b-2409") == "tekken_240911"
    assert tokenizer_for_model("some-self-hosted-model") == DEFAULT_TOKENIZER


def test_unknown_role_is_refused(counter: TokenCounter) -> None:
    with pytest.raises(ValueError, match="role"):
        counter.count_messages([{"role": "developer", "content": "x"}])


def test_counts_are_the_librarys_own_ids_though_the_text_is_not_decoded(
    counter: TokenCounter,
) -> None:
    from mistral_common.protocol.instruct.request import ChatCompletionRequest
    from mistral_common.tokens.tokenizers.mistral import MistralTokenizer

    from services.inference.tokens import _tokenizer_path

    untouched = MistralTokenizer.from_file(_tokenizer_path(DEFAULT_TOKENIZER))
    tool = {
        "type": "function",
        "function": {"name": "get_metrics", "description": "Fetch metrics.", "parameters": {}},
    }
    messages = [
        {"role": "system", "content": SYSTEM},
        {"role": "user", "content": DATA},
        {"role": "user", "content": QUESTION},
    ]
    for tools in ([], [tool]):
        request = ChatCompletionRequest.model_validate(
            {"messages": messages, "tools": tools or None}
        )
        expected = untouched.encode_chat_completion(request).tokens
        assert counter.encode_messages(messages, tools) == list(expected)
