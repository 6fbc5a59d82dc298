"""Inference settings: engines, tier → model maps, chains, timeouts, breakers, spill-over."""

from __future__ import annotations

from pydantic import AliasChoices, Field, SecretStr

from libs.common.settings import WorkerSettings
from libs.common.vocab import Engine, Tier


class InferenceSettings(WorkerSettings):
    """Everything the inference workers need; engines without a URL/key are left out."""

    vllm_url: str | None = Field(
        default=None, description="Self-hosted vLLM base URL (OpenAI-compatible); unset = none."
    )
    vllm_tier_urls: dict[Tier, str] = Field(
        default_factory=dict,
        description="Tier → vLLM base URL (JSON), a GPU pool per tier; tiers not listed use "
        "AYA_VLLM_URL.",
    )
    tiers: list[Tier] = Field(
        default_factory=lambda: list(Tier),
        min_length=1,
        description="Tiers this worker consumes (JSON list), so each tier's workers scale on "
        "their own queue.",
    )
    vllm_api_key: SecretStr | None = Field(
        default=None,
        validation_alias=AliasChoices("AYA_VLLM_API_KEY", "VLLM_API_KEY"),
        description="The key vLLM was started with (--api-key / VLLM_API_KEY); unset = none.",
    )
    mistral_api_key: SecretStr | None = Field(
        default=None,
        validation_alias=AliasChoices("AYA_MISTRAL_API_KEY", "MISTRAL_API_KEY"),
        description="Mistral managed API key; unset = no managed engine.",
    )
    mistral_url: str = Field(
        default="https://api.mistral.ai", description="Mistral API base URL (or a compatible one)."
    )
    chain: list[Engine] = Field(
        default_factory=lambda: list(Engine),
        description="Engine order per question (JSON list); engines not configured are skipped.",
    )
    vllm_models: dict[Tier, str] = Field(
        default_factory=lambda: {t: "aya-tiny-mistral" for t in Tier},
        description="Tier → served model name on vLLM (JSON).",
    )
    mistral_models: dict[Tier, str] = Field(
        default_factory=lambda: {
            Tier.SMALL: "ministral-8b-latest",
            Tier.MEDIUM: "mistral-medium-latest",
            Tier.LARGE: "mistral-large-latest",
        },
        description="Tier → model on the managed API (JSON).",
    )
    tier_timeout_seconds: dict[Tier, float] = Field(
        default_factory=lambda: {Tier.SMALL: 20.0, Tier.MEDIUM: 45.0, Tier.LARGE: 90.0},
        description="Time limit of one question's model calls per tier (JSON).",
    )
    max_output_tokens: dict[Tier, int] = Field(
        default_factory=lambda: {Tier.SMALL: 300, Tier.MEDIUM: 700, Tier.LARGE: 1200},
        description="Output token cap per tier (JSON).",
    )
    context_tokens: int = Field(
        default=4096, ge=512, description="Context window the prompt must fit in (with output)."
    )
    engine_attempts: int = Field(
        default=2, ge=1, le=10, description="Tries per engine before falling over to the next."
    )
    backoff_base_seconds: float = Field(
        default=0.5, gt=0, description="First retry delay (doubles per try, full jitter)."
    )
    breaker_failures: int = Field(
        default=3, ge=1, description="Consecutive failures that open an engine's breaker."
    )
    breaker_reset_seconds: float = Field(
        default=30.0, gt=0, description="How long an open breaker waits before one trial call."
    )
    vllm_max_waiting: int = Field(
        default=8, ge=0, description="vLLM waiting-queue length above which work spills over."
    )
    max_tool_rounds: int = Field(
        default=2, ge=0, le=5, description="get_metrics rounds a model may take per question."
    )
    tool_timeout_seconds: float = Field(
        default=10.0, gt=0, description="How long one get_metrics call may take."
    )
    budget_timeout_seconds: float = Field(
        default=3.0,
        gt=0,
        le=60,
        description="How long a budget hold may take before spend counts as unverifiable.",
    )
    concurrency: int = Field(
        default=4, ge=1, le=256, description="Analysis jobs one worker runs at once, per tier."
    )
    waiting_jobs: int = Field(
        default=32,
        ge=0,
        le=4096,
        description="Analysis jobs one worker holds per tier beyond those running (waiting for "
        "a free slot or their tenant's fair share), so one tenant's backlog does not stop "
        "the worker from taking other tenants' jobs.",
    )
    share_lease_seconds: float = Field(
        default=30.0,
        ge=1,
        le=3600,
        description="Life of a tenant's analysis-slot lease without renewal (a dead worker's "
        "slots free up after this).",
    )
    share_poll_seconds: float = Field(
        default=0.25,
        gt=0,
        le=10,
        description="How often a job waiting for its tenant's share looks again.",
    )
