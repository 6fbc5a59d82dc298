"""Exact token counts offline, with the Mistral tokenizers that ship inside `mistral-common`.

The tekken versions work out of the box; the sentencepiece ones (`*.model.v*`) also need the
`sentencepiece` package, which we do not install (every current Mistral model is tekken).

Counts are what the model's own tokenizer produces: `count_messages` renders the chat template
(`[INST]…[/INST]`, tool blocks, BOS) with `encode_chat_completion`, so there is no per-message
overhead to guess. Loading a tokenizer takes about a second and ~100 MB, so a `TokenCounter`
is created once (in the app's lifespan, or through the cached `token_counter` factory).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

import mistral_common
from mistral_common.protocol.instruct.request import ChatCompletionRequest
from mistral_common.tokens.tokenizers.mistral import MistralTokenizer

DEFAULT_TOKENIZER = "tekken_240911"

MODEL_TOKENIZERS: dict[str, str] = {
    "open-mistral-nemo": "tekken_240718",
    "mistral-nemo": "tekken_240718",
    "ministral-8b": "tekken_240718",
    "mistral-small-2409": "tekken_240718",
    "pixtral-12b": "tekken_240911",
}
"""Model-name prefix -> tokenizer version, from mistral-common's own legacy model table; any
other model gets `DEFAULT_TOKENIZER` unless the engine's configuration names a version."""

_DATA_DIR = Path(mistral_common.__file__).parent / "data"

# mistral-common's message models forbid unknown keys; OpenAI-style extras (a user "name",
# "refusal") would fail validation, and they are not rendered by the template anyway.
_MESSAGE_KEYS: dict[str, frozenset[str]] = {
    "system": frozenset({"role", "content"}),
    "user": frozenset({"role", "content"}),
    "assistant": frozenset({"role", "content", "tool_calls", "prefix"}),
    "tool": frozenset({"role", "content", "tool_call_id", "name"}),
}


def tokenizer_for_model(model: str) -> str:
    """The tokenizer version for a model name (longest known prefix, else the default)."""
    matches = [prefix for prefix in MODEL_TOKENIZERS if model.startswith(prefix)]
    return MODEL_TOKENIZERS[max(matches, key=len)] if matches else DEFAULT_TOKENIZER


def available_tokenizers() -> list[str]:
    """Tokenizer versions shipped with mistral-common (file names, `.json` dropped)."""
    return sorted(path.name.removesuffix(".json") for path in _DATA_DIR.iterdir() if path.is_file())


class TokenCounter:
    """Counts tokens exactly as one Mistral tokenizer version does; load once, share freely."""

    def __init__(self, version: str = DEFAULT_TOKENIZER) -> None:
        self.version = version
        self._tokenizer = MistralTokenizer.from_file(_tokenizer_path(version))
        # mistral-common 1.13 decodes every encoded request back into text at the end of
        # encode_instruct (its source: "TODO: remove once 1.13.0 lands"). Counting needs only
        # the ids, and that decode was 40 % of a count (bench/profile_pipeline.py). This
        # counter's own tokenizer instance skips it; the ids are the library's, unchanged.
        self._tokenizer.instruct_tokenizer.decode = _no_text  # type: ignore[method-assign]
        # Its Tekkenizer.encode adds `num_special_tokens` to every id, a property that takes a
        # len() of the special-token list each time: 118,000 reads for one fitted prompt, a
        # third of its counting. Read once here (the list never changes after loading).
        inner = self._tokenizer.instruct_tokenizer.tokenizer
        inner.__class__ = _special_count_read_once(type(inner))

    def count_text(self, text: str) -> int:
        """Tokens of plain text, without BOS/EOS or any template token."""
        return len(self._tokenizer.instruct_tokenizer.tokenizer.encode(text, bos=False, eos=False))

    def count_messages(
        self, messages: Sequence[Mapping[str, Any]], tools: Sequence[Mapping[str, Any]] = ()
    ) -> int:
        """Tokens of a whole chat request as the model sees it: template, tools and all."""
        return len(self.encode_messages(messages, tools))

    def encode_messages(
        self, messages: Sequence[Mapping[str, Any]], tools: Sequence[Mapping[str, Any]] = ()
    ) -> list[int]:
        """The token ids of a chat request (OpenAI/Mistral message dicts) through the template."""
        request: ChatCompletionRequest[Any] = ChatCompletionRequest.model_validate(
            {"messages": [_clean(message) for message in messages], "tools": list(tools) or None}
        )
        return list(self._tokenizer.encode_chat_completion(request).tokens)

    def encode_text(self, text: str) -> list[int]:
        """The token ids of plain text (no BOS/EOS)."""
        return list(self._tokenizer.instruct_tokenizer.tokenizer.encode(text, bos=False, eos=False))

    def special_token(self, name: str) -> int:
        """The id of a control token such as `[INST]` or `<s>`."""
        return int(self._tokenizer.instruct_tokenizer.tokenizer.get_special_token(name))


@lru_cache(maxsize=8)
def _special_count_read_once(cls: type[Any]) -> type[Any]:
    """`cls` with `num_special_tokens` computed on first read and kept on the instance."""

    class ReadOnce(cls):  # type: ignore[misc]
        @cached_property
        def num_special_tokens(self) -> int:
            return int(super().num_special_tokens)

    ReadOnce.__name__ = ReadOnce.__qualname__ = f"{cls.__name__}ReadOnce"
    return ReadOnce


@lru_cache(maxsize=4)
def token_counter(version: str = DEFAULT_TOKENIZER) -> TokenCounter:
    """A shared `TokenCounter` per version: the load is paid once per process."""
    return TokenCounter(version)


def _no_text(tokens: list[int], special_token_policy: Any = None) -> str:
    return ""


def _tokenizer_path(version: str) -> Path:
    for candidate in (_DATA_DIR / f"{version}.json", _DATA_DIR / version):
        # A bare name must not climb out of the data folder ("../../secret").
        if candidate.is_file() and candidate.parent == _DATA_DIR:
            return candidate
    known = ", ".join(available_tokenizers())
    raise ValueError(f"unknown tokenizer version {version!r}; known: {known}")


def _clean(message: Mapping[str, Any]) -> dict[str, Any]:
    role = str(message.get("role", ""))
    keys = _MESSAGE_KEYS.get(role)
    if keys is None:
        raise ValueError(f"unknown message role {role!r}")
    return {key: value for key, value in message.items() if key in keys and value is not None}
