"""The workloads of `deploy/k8s/base/` (and the GPU pools of `deploy/k8s/components/gpu/`),
written from one description of each service, so every Deployment gets the same probes,
security context, resources and scaling rules. Plain YAML is what is committed and what
kustomize reads; `python tools/k8s_manifests.py` exits 1 when it is stale, `--write`
rewrites it.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from aya.nats_auth import env_name
from libs.common.nats_users import ServiceUser
from tools.k8s_gpu import vllm_pool

ROOT = Path(__file__).resolve().parent.parent
K8S = ROOT / "deploy" / "k8s"
IMAGE = "ghcr.io/ask-your-ads/ask-your-ads:1.0.0"
PART_OF = {"app.kubernetes.io/part-of": "ask-your-ads"}
TIERS = ("small", "medium", "large")
NATS_MONITOR = "nats-headless.nats.svc.cluster.local:8222"


@dataclass(frozen=True)
class Workload:
    """One Deployment of our image."""

    name: str
    service: str
    """`aya serve <service>`."""
    nats_user: str
    port: int
    env: dict[str, str] = field(default_factory=dict)
    database: bool = False
    admin_database: bool = False
    secrets_env: dict[str, tuple[str, str]] = field(default_factory=dict)
    """Variable → (secret, key)."""
    volumes: dict[str, str] = field(default_factory=dict)
    """Secret → mount path."""
    cpu: str = "250m"
    memory: str = "512Mi"
    limit_memory: str = "1Gi"
    consumer: tuple[str, str] | None = None
    """(stream, durable) whose lag KEDA scales the workload on."""
    min_replicas: int = 1
    max_replicas: int = 10


WORKLOADS = (
    Workload(
        "gateway",
        "gateway",
        "gateway",
        8080,
        database=True,
        admin_database=True,
        secrets_env={"AYA_OPERATOR_KEYS": ("aya-operator", "keys")},
        cpu="500m",
    ),
    Workload("router", "router", "router", 9100, consumer=("QUERIES", "router")),
    Workload(
        "data-fetch",
        "data-fetch",
        "data-fetch",
        9100,
        env={"AYA_LEMANADO_SECRETS_DIR": "/var/run/secrets/lemanado"},
        secrets_env={"AYA_LEMANADO_URL": ("aya-lemanado", "url")},
        volumes={"aya-lemanado-credentials": "/var/run/secrets/lemanado"},
        consumer=("PLANS", "data_fetch"),
    ),
    *(
        Workload(
            f"inference-{tier}",
            "inference",
            "inference",
            9100,
            env={"AYA_TIERS": f'["{tier}"]'},
            secrets_env={
                "AYA_MISTRAL_API_KEY": ("aya-mistral", "api-key"),
                "AYA_VLLM_API_KEY": ("aya-vllm", "api-key"),
            },
            consumer=("ANALYSIS", f"inference-{tier}"),
            memory="768Mi",
            limit_memory="1536Mi",
        )
        for tier in TIERS
    ),
    Workload(
        "audit",
        "audit",
        "audit",
        9100,
        database=True,
        admin_database=True,
        min_replicas=2,
        max_replicas=2,
    ),
)


def _labels(name: str) -> dict[str, str]:
    return {"app.kubernetes.io/name": name, **PART_OF}


def _env(w: Workload) -> list[dict[str, Any]]:
    env: list[dict[str, Any]] = [
        {"name": "AYA_NATS_USER", "value": w.nats_user},
        {
            "name": "AYA_NATS_PASSWORD",
            # The keys of `aya nats-config --env`: the same file makes the secret.
            "valueFrom": {
                "secretKeyRef": {"name": "aya-nats", "key": env_name(ServiceUser(w.nats_user))}
            },
        },
    ]
    if w.database:
        env.append(
            {
                "name": "AYA_DATABASE_URL",
                "valueFrom": {"secretKeyRef": {"name": "aya-database", "key": "url"}},
            }
        )
    if w.admin_database:
        env.append(
            {
                "name": "AYA_DATABASE_ADMIN_URL",
                "valueFrom": {"secretKeyRef": {"name": "aya-database", "key": "admin-url"}},
            }
        )
    for name, (secret, key) in sorted(w.secrets_env.items()):
        ref: dict[str, str | bool] = {"name": secret, "key": key}
        if name in ("AYA_MISTRAL_API_KEY", "AYA_VLLM_API_KEY"):
            ref["optional"] = True  # an engine without its key is left out of the chain
        env.append({"name": name, "valueFrom": {"secretKeyRef": ref}})
    env += [{"name": k, "value": v} for k, v in sorted(w.env.items())]
    return env


def deployment(w: Workload) -> dict[str, Any]:
    """The Deployment of one workload."""
    probe = {"httpGet": {"path": "/readyz", "port": "http" if w.port == 8080 else "ops"}}
    volumes: list[dict[str, Any]] = [{"name": "tmp", "emptyDir": {"sizeLimit": "256Mi"}}]
    mounts: list[dict[str, Any]] = [{"name": "tmp", "mountPath": "/tmp"}]
    for secret, path in w.volumes.items():
        volumes.append({"name": secret, "secret": {"secretName": secret}})
        mounts.append({"name": secret, "mountPath": path, "readOnly": True})
    port_name = "http" if w.port == 8080 else "ops"
    return {
        "apiVersion": "apps/v1",
        "kind": "Deployment",
        "metadata": {"name": w.name, "labels": _labels(w.name)},
        "spec": {
            "replicas": w.min_replicas,
            "selector": {"matchLabels": {"app.kubernetes.io/name": w.name}},
            "template": {
                "metadata": {"labels": {**_labels(w.name), "aya/nats-client": "true"}},
                "spec": {
                    "automountServiceAccountToken": False,
                    "securityContext": {
                        "runAsNonRoot": True,
                        "runAsUser": 10001,
                        "runAsGroup": 10001,
                        "fsGroup": 10001,
                        "seccompProfile": {"type": "RuntimeDefault"},
                    },
                    "terminationGracePeriodSeconds": 60,
                    "containers": [
                        {
                            "name": w.name,
                            "image": IMAGE,
                            "args": [w.service],
                            "ports": [{"name": port_name, "containerPort": w.port}],
                            "envFrom": [{"configMapRef": {"name": "aya-config"}}],
                            "env": _env(w),
                            "resources": {
                                "requests": {"cpu": w.cpu, "memory": w.memory},
                                "limits": {"memory": w.limit_memory},
                            },
                            "startupProbe": {
                                **_probe("/healthz", port_name),
                                "failureThreshold": 30,
                                "periodSeconds": 2,
                            },
                            "livenessProbe": {**_probe("/healthz", port_name), "periodSeconds": 15},
                            "readinessProbe": {**probe, "periodSeconds": 10, "timeoutSeconds": 4},
                            "securityContext": {
                                "allowPrivilegeEscalation": False,
                                "readOnlyRootFilesystem": True,
                                "capabilities": {"drop": ["ALL"]},
                            },
                            "volumeMounts": mounts,
                        }
                    ],
                    "volumes": volumes,
                },
            },
        },
    }


def _probe(path: str, port: str) -> dict[str, Any]:
    return {"httpGet": {"path": path, "port": port}, "timeoutSeconds": 3}


def disruption_budget(w: Workload) -> dict[str, Any]:
    """Voluntary evictions take one pod of a workload at a time (a drain never hangs on a
    workload KEDA keeps at one replica; its work waits in its stream meanwhile)."""
    return {
        "apiVersion": "policy/v1",
        "kind": "PodDisruptionBudget",
        "metadata": {"name": w.name, "labels": _labels(w.name)},
        "spec": {
            "maxUnavailable": 1,
            "selector": {"matchLabels": {"app.kubernetes.io/name": w.name}},
        },
    }


def scaled_object(w: Workload) -> dict[str, Any]:
    """KEDA: the workload's replicas follow its consumer's backlog (the nats-jetstream scaler)."""
    assert w.consumer is not None
    stream, durable = w.consumer
    return {
        "apiVersion": "keda.sh/v1alpha1",
        "kind": "ScaledObject",
        "metadata": {"name": w.name, "labels": _labels(w.name)},
        "spec": {
            "scaleTargetRef": {"name": w.name},
            "minReplicaCount": w.min_replicas,
            "maxReplicaCount": w.max_replicas,
            "cooldownPeriod": 120,
            "triggers": [
                {
                    "type": "nats-jetstream",
                    "metadata": {
                        "natsServerMonitoringEndpoint": NATS_MONITOR,
                        "account": "APP",
                        "stream": stream,
                        "consumer": durable,
                        "lagThreshold": "10",
                        "useHttps": "false",
                    },
                }
            ],
        },
    }


def gateway_extras() -> list[dict[str, Any]]:
    """The gateway's Service, autoscaler and Ingress (the one door from outside)."""
    labels = _labels("gateway")
    return [
        {
            "apiVersion": "v1",
            "kind": "Service",
            "metadata": {"name": "gateway", "labels": labels},
            "spec": {
                "selector": {"app.kubernetes.io/name": "gateway"},
                "ports": [{"name": "http", "port": 80, "targetPort": "http"}],
            },
        },
        {
            "apiVersion": "autoscaling/v2",
            "kind": "HorizontalPodAutoscaler",
            "metadata": {"name": "gateway", "labels": labels},
            "spec": {
                "scaleTargetRef": {
                    "apiVersion": "apps/v1",
                    "kind": "Deployment",
                    "name": "gateway",
                },
                "minReplicas": 2,
                "maxReplicas": 10,
                "metrics": [
                    {
                        "type": "Resource",
                        "resource": {
                            "name": "cpu",
                            "target": {"type": "Utilization", "averageUtilization": 70},
                        },
                    }
                ],
            },
        },
        {
            "apiVersion": "networking.k8s.io/v1",
            "kind": "Ingress",
            "metadata": {"name": "gateway", "labels": labels},
            "spec": {
                "tls": [{"hosts": ["aya.example.com"], "secretName": "aya-gateway-tls"}],
                "rules": [
                    {
                        "host": "aya.example.com",
                        # The API and its documents only: /metrics and the probes stay inside.
                        "http": {
                            "paths": [
                                _route(path, kind)
                                for path, kind in (
                                    ("/v1", "Prefix"),
                                    ("/asyncapi", "Exact"),
                                    ("/asyncapi.json", "Exact"),
                                    ("/docs", "Exact"),
                                    ("/openapi.json", "Exact"),
                                )
                            ]
                        },
                    }
                ],
            },
        },
    ]


def _route(path: str, kind: str) -> dict[str, Any]:
    backend = {"service": {"name": "gateway", "port": {"name": "http"}}}
    return {"path": path, "pathType": kind, "backend": backend}


def prometheus_rule() -> dict[str, Any]:
    """The alert rules of deploy/prometheus/aya-alerts.yaml for the Prometheus operator."""
    rules = yaml.safe_load((ROOT / "deploy" / "prometheus" / "aya-alerts.yaml").read_text())
    return {
        "apiVersion": "monitoring.coreos.com/v1",
        "kind": "PrometheusRule",
        "metadata": {"name": "ask-your-ads", "labels": {**PART_OF, "release": "prometheus"}},
        "spec": rules,
    }


def rendered() -> dict[Path, str]:
    """Every generated file and its text."""
    files: dict[Path, list[dict[str, Any]]] = {}
    for w in WORKLOADS:
        docs = [deployment(w), disruption_budget(w)]
        if w.consumer is not None:
            docs.append(scaled_object(w))
        if w.name == "gateway":
            docs += gateway_extras()
        files[K8S / "base" / f"{w.name}.yaml"] = docs
    for tier in TIERS:
        files[K8S / "components" / "gpu" / f"vllm-{tier}.yaml"] = vllm_pool(
            tier, _labels(f"vllm-{tier}")
        )
    files[K8S / "base" / "prometheus-rule.yaml"] = [prometheus_rule()]
    header = "# Generated by tools/k8s_manifests.py: edit there, then run it with --write.\n"
    return {
        path: header + yaml.safe_dump_all(docs, sort_keys=False, width=100)
        for path, docs in files.items()
    }


def main(argv: list[str]) -> int:
    """Write the files (`--write`) or check them."""
    files = rendered()
    if "--write" in argv:
        for path, text in files.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        print(f"wrote {len(files)} files under {K8S.relative_to(ROOT)}")
        return 0
    stale = [p for p, t in files.items() if not p.exists() or p.read_text(encoding="utf-8") != t]
    for path in stale:
        print(f"{path.relative_to(ROOT)} is stale: run python tools/k8s_manifests.py --write")
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
