"""How `bench_pipeline` prints a run (the JSON it writes holds the same figures)."""

from __future__ import annotations

from typing import Any

from span_timeline import describe


def print_result(result: dict[str, Any]) -> None:
    """The run as `bench_pipeline` prints it: each level, the CPU per answer, the ratios the
    speed goals are stated in, the answer cache and memory."""

    def row(label: str, s: dict[str, Any]) -> str:
        def ms(v: float | None) -> str:
            return "    -" if v is None else f"{v:7.1f}"

        stages = " ".join(f"{k}={v:.0f}" for k, v in s["stage_p50_ms"].items())
        return (
            f"{label:<22} c={s['concurrency']:<3} n={s['requests']:<5} err={s['errors']:<3} "
            f"p50={ms(s['p50_ms'])} p95={ms(s['p95_ms'])} p99={ms(s['p99_ms'])} ms "
            f"{s['per_second']:7.1f}/s  {stages}  {s['engines']}"
        )

    for part, label in (
        ("upstream", "bare upstream"),
        ("analysis", "analysis path"),
        ("direct", "direct path"),
    ):
        for s in result["load"][part]:
            print(row(label, s))
    print("CPU ms per answer, by part (all processes; 2 cores give 2,000 ms per second):")
    for part in ("analysis", "direct"):
        for s in result["load"][part]:
            spent = s.get("cpu_ms_per_answer", {})
            parts = " ".join(f"{k}={v:.0f}" for k, v in spent.items())
            print(f"  {part:<8} c={s['concurrency']:<3} total={sum(spent.values()):.0f}  {parts}")
    load = result["load"]
    bare = load["bare_get_metrics_p50_ms"]
    print(f"bare get_metrics        c=1   p50={bare:7.1f} ms")
    first = load["analysis"][0]
    model = load["upstream"][0]["p50_ms"]
    print("ratios (goals in issue 17):")
    print(f"  analysis overhead at c=1, p50: {first['p50_ms'] - model:.1f} ms (goal <= 15 ms)")
    if load["direct"]:
        print(
            f"  direct p50 - bare get_metrics at c=1: {load['direct'][0]['p50_ms'] - bare:.1f} ms"
            " (goal <= 5 ms)"
        )
    for s in load["analysis"][1:]:
        print(
            f"  analysis c={s['concurrency']}: {s['per_second']:.1f} answers/s, p99 "
            f"{s['p99_ms'] or 0:.0f} ms, errors {s['errors']} (goal c=16: >= 60/s, p99 < 300 ms)"
        )
    for s in load["direct"][1:]:
        print(f"  direct c={s['concurrency']}: {s['per_second']:.1f} answers/s (goal >= 200/s)")
    c = result["answer_cache"]
    print(
        f"answer cache, {c['asks']} analysis questions ({c['distinct']} distinct, Zipf mix): "
        f"hit rate {c['hit_rate']:.0%}, hit p50 {c['hit_p50_ms']:.1f} ms, "
        f"miss p50 {c['miss_p50_ms']:.1f} ms"
    )
    if "unique_p50_ms" in c:
        print(
            f"  {c['unique_asks']} questions asked once each (all misses): "
            f"p50 {c['unique_p50_ms']:.1f} ms"
        )
    for kind, segments in result.get("span_timelines_c1", {}).items():
        asked = segments[0]["traces"] if segments else 0
        print(f"{kind} path at c=1, where the time goes (spans, p50 ms over {asked} questions):")
        print("\n".join(describe(segments)))
    print(f"resident memory MB, idle: {result['memory_idle_mb']}")
    print(f"resident memory MB, after load: {result['memory_after_mb']}")
