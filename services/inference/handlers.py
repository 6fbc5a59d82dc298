"""`analysis.requested.<tier>` → one durable consumer per tier → `answering.answer_in_turn`."""

from __future__ import annotations

from faststream.nats import NatsRouter

from libs.common.envelope import Envelope
from libs.common.handler_params import NatsBroker, NatsMessage
from libs.common.metrics import WorkerMetrics
from libs.common.query import AnalysisJob
from libs.common.subjects import Stage, any_tenant, inference_durable, stream_of
from libs.common.vocab import Tier
from libs.common.worker import durable_subscriber, handle
from services.inference.answering import answer_in_turn
from services.inference.runtime import Runtime
from services.inference.settings import InferenceSettings
from services.inference.watch import run_watch


def create_router(
    settings: InferenceSettings, runtime: Runtime, metrics: WorkerMetrics
) -> NatsRouter:
    """One durable consumer per tier of `settings.tiers`, each running up to `concurrency` jobs
    at once."""
    router = NatsRouter()
    for tier in settings.tiers:
        _subscribe(router, settings, runtime, tier, metrics)
    return router


def _subscribe(
    router: NatsRouter,
    settings: InferenceSettings,
    runtime: Runtime,
    tier: Tier,
    metrics: WorkerMetrics,
) -> None:
    @durable_subscriber(
        router,
        any_tenant(Stage.ANALYSIS_REQUESTED, tier.value),
        stream=stream_of(Stage.ANALYSIS_REQUESTED),
        durable=inference_durable(tier),
        settings=settings,
        # Beyond the running jobs, room for jobs that wait their turn (see answer_in_turn).
        max_workers=settings.concurrency + settings.waiting_jobs,
    )
    async def on_analysis_requested(message: NatsMessage, broker: NatsBroker) -> None:
        """Answer an analysis question with the tier's engine chain (a watch: the analyst's
        scan alone)."""

        async def work(env: Envelope[AnalysisJob]) -> None:
            if env.body.query.purpose == "watch":
                await run_watch(env, broker, settings.clock)
            else:
                await answer_in_turn(env, broker, runtime, tier)

        await handle(message, broker, settings, AnalysisJob, work, metrics)
