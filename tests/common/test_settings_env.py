"""Settings read from the environment as deployments pass it: an empty variable is an unset
one (compose and Kubernetes pass "" for optional values left blank)."""

from __future__ import annotations

import pytest

from libs.common.vocab import Tier
from services.inference.settings import InferenceSettings


def test_empty_variables_mean_unset(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MISTRAL_API_KEY", "")
    monkeypatch.setenv("AYA_VLLM_URL", "")
    monkeypatch.setenv("AYA_VLLM_TIER_URLS", "")
    settings = InferenceSettings()
    assert settings.mistral_api_key is None  # no managed engine, not a key ""
    assert settings.vllm_url is None
    assert settings.vllm_tier_urls == {}


def test_set_variables_are_read(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MISTRAL_API_KEY", "k")
    monkeypatch.setenv("AYA_VLLM_TIER_URLS", '{"small": "http://vllm-small:8000"}')
    monkeypatch.setenv("AYA_TIERS", '["small"]')
    settings = InferenceSettings()
    assert settings.mistral_api_key is not None
    assert settings.mistral_api_key.get_secret_value() == "k"
    assert settings.vllm_tier_urls == {Tier.SMALL: "http://vllm-small:8000"}
    assert settings.tiers == [Tier.SMALL]
