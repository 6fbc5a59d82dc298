"""The Grafana dashboards in `deploy/grafana/dashboards/`, built from the compact panel lists
of `tools/dashboard_panels.py` (one place to read what each dashboard shows; the JSON is what
Grafana imports).

`python tools/dashboards.py` exits 1 when a committed dashboard differs from what this builds;
`--write` rewrites them. Every expression is parsed, and every metric it names is checked
against what the running services export (`tests/e2e/test_e2e_observability.py`).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from tools.dashboard_panels import DASHBOARDS, Dashboard

ROOT = Path(__file__).resolve().parent.parent
FOLDER = ROOT / "deploy" / "grafana" / "dashboards"


def expressions() -> list[str]:
    """Every PromQL expression of every dashboard."""
    return [expr for d in DASHBOARDS for p in d.panels for expr, _ in p.targets]


def build(dashboard: Dashboard) -> dict[str, Any]:
    """The dashboard as Grafana's JSON model (datasource chosen on import)."""
    datasource = {"type": "prometheus", "uid": "${datasource}"}
    panels = []
    for index, panel in enumerate(dashboard.panels):
        panels.append(
            {
                "id": index + 1,
                "type": "timeseries",
                "title": panel.title,
                "description": panel.description,
                "datasource": datasource,
                "gridPos": {"h": 8, "w": 12, "x": 12 * (index % 2), "y": 8 * (index // 2)},
                "fieldConfig": {"defaults": {"unit": panel.unit}, "overrides": []},
                "options": {"legend": {"displayMode": "list", "placement": "bottom"}},
                "targets": [
                    {
                        "refId": chr(ord("A") + n),
                        "datasource": datasource,
                        "expr": expr,
                        "legendFormat": legend,
                    }
                    for n, (expr, legend) in enumerate(panel.targets)
                ],
            }
        )
    return {
        "uid": dashboard.uid,
        "title": dashboard.title,
        "description": dashboard.description,
        "tags": ["ask-your-ads"],
        "timezone": "utc",
        "schemaVersion": 39,
        "version": 1,
        "editable": True,
        "refresh": "30s",
        "time": {"from": "now-6h", "to": "now"},
        "templating": {
            "list": [
                {
                    "name": "datasource",
                    "type": "datasource",
                    "query": "prometheus",
                    "label": "Prometheus",
                },
                {
                    "name": "tenant",
                    "type": "query",
                    "label": "Tenant",
                    "datasource": datasource,
                    "query": "label_values(aya_questions_total, tenant)",
                    "refresh": 2,
                    "includeAll": True,
                    "allValue": ".*",
                    "multi": True,
                    "current": {"text": "All", "value": "$__all"},
                },
            ]
        },
        "panels": panels,
    }


def rendered() -> dict[Path, str]:
    """Each dashboard's file and its text."""
    return {
        FOLDER / f"{d.uid}.json": json.dumps(build(d), indent=2, ensure_ascii=False) + "\n"
        for d in DASHBOARDS
    }


def main(argv: list[str]) -> int:
    """Write the dashboards (`--write`) or check them."""
    stale = [
        path
        for path, text in rendered().items()
        if not path.exists() or path.read_text(encoding="utf-8") != text
    ]
    if "--write" in argv:
        FOLDER.mkdir(parents=True, exist_ok=True)
        for path, text in rendered().items():
            path.write_text(text, encoding="utf-8")
        print(f"wrote {len(DASHBOARDS)} dashboards in {FOLDER.relative_to(ROOT)}")
        return 0
    for path in stale:
        print(f"{path.relative_to(ROOT)} is stale: run python tools/dashboards.py --write")
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
