"""What each Grafana dashboard shows: its panels and their PromQL, in one readable place
(`tools/dashboards.py` turns them into the JSON Grafana imports)."""

from __future__ import annotations

from dataclasses import dataclass

T = 'tenant=~"$tenant"'
"""The dashboards' tenant filter (a variable: all tenants, or the ones picked)."""


@dataclass(frozen=True)
class Panel:
    """A time-series panel: title, what it shows, its queries (expression, legend), unit."""

    title: str
    description: str
    targets: tuple[tuple[str, str], ...]
    unit: str = "short"


@dataclass(frozen=True)
class Dashboard:
    """One dashboard: uid, title, what it is for, its panels (two per row)."""

    uid: str
    title: str
    description: str
    panels: tuple[Panel, ...]


def _p95(metric: str, by: str, selector: str = T) -> str:
    matchers = f"{{{selector}}}" if selector else ""
    return f"histogram_quantile(0.95, sum by (le{by}) (rate({metric}_bucket{matchers}[5m])))"


OVERVIEW = Dashboard(
    "aya-overview",
    "Ask Your Ads — overview",
    "Questions per second, how they were answered, how long they took, what was refused.",
    (
        Panel(
            "Questions per second by route",
            "Every question with its final answer, whichever door and mode.",
            ((f"sum by (route) (rate(aya_questions_total{{{T}}}[5m]))", "{{route}}"),),
            "reqps",
        ),
        Panel(
            "Failed share",
            "Failed answers over all answers (the error-rate alert fires above 5 %).",
            (
                (
                    f'sum(rate(aya_questions_total{{status="failed",{T}}}[5m]))'
                    f" / clamp_min(sum(rate(aya_questions_total{{{T}}}[5m])), 1e-9)",
                    "failed",
                ),
            ),
            "percentunit",
        ),
        Panel(
            "Sync answer latency",
            "Time to answer a sync question at the gateway.",
            tuple(
                (
                    f"histogram_quantile({q}, sum by (le) "
                    f"(rate(aya_gateway_query_seconds_bucket{{{T}}}[5m])))",
                    f"p{round(q * 100)}",
                )
                for q in (0.5, 0.95, 0.99)
            ),
            "s",
        ),
        Panel(
            "Stage latency p95",
            "Time a worker spends on one message, per stage (router, fetch, each tier).",
            ((_p95("aya_stage_seconds", ", stage"), "{{stage}}"),),
            "s",
        ),
        Panel(
            "Analysis questions by tier",
            "The route mix behind model spend: analysis questions per tier.",
            (
                (
                    f'sum by (tier) (rate(aya_questions_total{{route="analysis",{T}}}[5m]))',
                    "{{tier}}",
                ),
            ),
            "reqps",
        ),
        Panel(
            "Refusals by reason",
            "Rate limits, daily token limits and budget policies saying no.",
            ((f"sum by (reason) (rate(aya_refusals_total{{{T}}}[5m]))", "{{reason}}"),),
            "reqps",
        ),
        Panel(
            "Busiest tenants",
            "The ten tenants asking most.",
            (("topk(10, sum by (tenant) (rate(aya_questions_total[5m])))", "{{tenant}}"),),
            "reqps",
        ),
        Panel(
            "Requests by mode",
            "Requests per door and mode (sync, async, stream, nats) and how they ended.",
            (
                (
                    f"sum by (mode, status) (rate(aya_gateway_queries_total{{{T}}}[5m]))",
                    "{{mode}} {{status}}",
                ),
            ),
            "reqps",
        ),
    ),
)

ENGINES = Dashboard(
    "aya-engines",
    "Ask Your Ads — engines and cost",
    "Which engine answers, what fails over where, breakers, tokens, cost per tenant and tier, "
    "and the self-hosted GPU's share. A vLLM outage shows as vllm errors, vllm → mistral "
    "fall-overs and an open breaker.",
    (
        Panel(
            "Answered calls by engine",
            "Model calls that succeeded, per engine (the engine mix).",
            (('sum by (engine) (rate(aya_engine_calls_total{outcome="ok"}[5m]))', "{{engine}}"),),
            "reqps",
        ),
        Panel(
            "Failed calls by engine and error",
            "Model calls that failed, by engine and error code.",
            (
                (
                    'sum by (engine, outcome) (rate(aya_engine_calls_total{outcome!="ok"}[5m]))',
                    "{{engine}} {{outcome}}",
                ),
            ),
            "reqps",
        ),
        Panel(
            "Fall-overs",
            "Questions moved down the chain: from → to, and why.",
            (
                (
                    "sum by (from_engine, to_engine, reason) "
                    "(rate(aya_engine_fallovers_total[5m]))",
                    "{{from_engine}} → {{to_engine}} ({{reason}})",
                ),
            ),
            "reqps",
        ),
        Panel(
            "Breaker state",
            "0 closed, 1 half-open, 2 open, per engine and tier's pool (the worst across "
            "inference workers).",
            (("max by (engine, tier) (aya_engine_breaker_state)", "{{engine}} {{tier}}"),),
        ),
        Panel(
            "vLLM queue as seen",
            "Requests waiting and running on each tier's vLLM pool, as inference last read them.",
            (
                ("max by (tier) (aya_vllm_requests_waiting)", "{{tier}} waiting"),
                ("max by (tier) (aya_vllm_requests_running)", "{{tier}} running"),
            ),
        ),
        Panel(
            "GPU share",
            "Share of answered model calls served by the self-hosted GPUs (vllm).",
            (
                (
                    'sum(rate(aya_engine_calls_total{engine="vllm",outcome="ok"}[15m]))'
                    ' / clamp_min(sum(rate(aya_engine_calls_total{outcome="ok"}[15m])), 1e-9)',
                    "vllm share",
                ),
            ),
            "percentunit",
        ),
        Panel(
            "Tokens per second",
            "Model tokens by engine and type (OpenTelemetry GenAI token usage).",
            (
                (
                    "sum by (gen_ai_system, gen_ai_token_type) "
                    "(rate(gen_ai_client_token_usage_sum[5m]))",
                    "{{gen_ai_system}} {{gen_ai_token_type}}",
                ),
            ),
        ),
        Panel(
            "Model call p95 by engine",
            "Time of a model call (OpenTelemetry GenAI operation duration).",
            (
                (
                    "histogram_quantile(0.95, sum by (le, gen_ai_system) "
                    "(rate(gen_ai_client_operation_duration_seconds_bucket[5m])))",
                    "{{gen_ai_system}}",
                ),
            ),
            "s",
        ),
        Panel(
            "Cost per tenant (USD per hour)",
            "Model cost as the ledger prices it.",
            (
                (
                    f"sum by (tenant) (rate(aya_model_cost_usd_total{{{T}}}[1h])) * 3600",
                    "{{tenant}}",
                ),
            ),
            "currencyUSD",
        ),
        Panel(
            "Cost per tier, last 24 h",
            "Model cost by tier and engine over the last day.",
            (
                (
                    f"sum by (tier, engine) (increase(aya_model_cost_usd_total{{{T}}}[1d]))",
                    "{{tier}} {{engine}}",
                ),
            ),
            "currencyUSD",
        ),
        Panel(
            "Grounding retries",
            "Answers retried because their key figures were not in the data.",
            (("sum by (result) (rate(aya_grounding_retries_total[15m]))", "{{result}}"),),
            "reqps",
        ),
        Panel(
            "Interrupted model calls, last 24 h",
            "Calls whose worker died mid-call: billed at their ceiling, the question redelivered.",
            (
                (
                    "sum by (tenant, engine)"
                    f" (increase(aya_model_calls_interrupted_total{{{T}}}[1d]))",
                    "{{tenant}} {{engine}}",
                ),
            ),
        ),
        Panel(
            "Budget alerts, last 24 h",
            "Tenants crossing their budget's alert ratio, or using it up.",
            (
                (
                    f"sum by (tenant, kind) (increase(aya_budget_alerts_total{{{T}}}[1d]))",
                    "{{tenant}} {{kind}}",
                ),
            ),
        ),
    ),
)

PIPELINE = Dashboard(
    "aya-pipeline",
    "Ask Your Ads — pipeline",
    "The JetStream backlog of every stage and tier, how messages are settled, dead letters.",
    (
        Panel(
            "Consumer backlog",
            "Messages waiting per stream and consumer (what KEDA scales the workers on).",
            (("max by (stream, consumer) (aya_consumer_pending)", "{{stream}}/{{consumer}}"),),
        ),
        Panel(
            "Delivered, not yet acked",
            "Messages in the workers' hands per consumer.",
            (("max by (stream, consumer) (aya_consumer_ack_pending)", "{{stream}}/{{consumer}}"),),
        ),
        Panel(
            "Inference backlog per tier",
            "Analysis jobs waiting per tier's consumer.",
            (('max by (consumer) (aya_consumer_pending{stream="ANALYSIS"})', "{{consumer}}"),),
        ),
        Panel(
            "Redeliveries",
            "Messages being redelivered (a worker died or gave up for now).",
            (
                (
                    "max by (stream, consumer) (aya_consumer_redelivered)",
                    "{{stream}}/{{consumer}}",
                ),
            ),
        ),
        Panel(
            "Messages by stage and outcome",
            "ok: acked after the next stage; retried: nak'd; failed: answered as failed.",
            (
                (
                    f"sum by (stage, outcome) (rate(aya_messages_handled_total{{{T}}}[5m]))",
                    "{{stage}} {{outcome}}",
                ),
            ),
            "reqps",
        ),
        Panel(
            "Stage latency p95",
            "Time a worker spends on one message, per stage.",
            ((_p95("aya_stage_seconds", ", stage"), "{{stage}}"),),
            "s",
        ),
        Panel(
            "Dead letters, last hour",
            "Messages that used up their deliveries, per stream (each answered as failed).",
            (("sum by (stream) (increase(aya_dead_letters_total[1h]))", "{{stream}}"),),
        ),
        Panel(
            "Connector calls by tool and outcome",
            "Lemanado MCP tool calls per second (ok, failed, timeout, tool_error).",
            (
                (
                    "sum by (tool, outcome) (rate(aya_mcp_calls_total[5m]))",
                    "{{tool}} {{outcome}}",
                ),
            ),
            "reqps",
        ),
        Panel(
            "Connector call p95 by tool",
            "Time of a Lemanado MCP tool call.",
            ((_p95("aya_mcp_call_seconds", ", tool", selector=""), "{{tool}}"),),
            "s",
        ),
        Panel(
            "Ledger backlog",
            "Model-call events waiting for the audit service (budgets read the ledger).",
            (('max(aya_consumer_pending{stream="AUDIT"})', "pending"),),
        ),
        Panel(
            "Resident memory per process",
            "Each service process's resident memory: flat when idle, no growth under a steady "
            "load (bench/bench_pipeline.py prints it before and after its load).",
            (("max by (job, instance) (process_resident_memory_bytes)", "{{job}} {{instance}}"),),
            "bytes",
        ),
        Panel(
            "CPU per process",
            "Cores each service process uses (1 = one core busy).",
            (
                (
                    "max by (job, instance) (rate(process_cpu_seconds_total[5m]))",
                    "{{job}} {{instance}}",
                ),
            ),
        ),
    ),
)

DASHBOARDS = (OVERVIEW, ENGINES, PIPELINE)
