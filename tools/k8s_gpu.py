"""A tier's GPU pool for `deploy/k8s/components/gpu/`: vLLM on nvidia.com/gpu, ready on
/health, its model and limits as variables, scaled by KEDA on its own queue (written by
`tools/k8s_manifests.py`)."""

from __future__ import annotations

from typing import Any

PROMETHEUS = "http://prometheus-operated.monitoring.svc.cluster.local:9090"
MODELS = {
    "small": "mistralai/Ministral-8B-Instruct-2410",
    "medium": "mistralai/Mistral-Small-24B-Instruct-2501",
    "large": "mistralai/Mistral-Large-Instruct-2411",
}


def vllm_pool(tier: str, base_labels: dict[str, str]) -> list[dict[str, Any]]:
    """A tier's GPU pool: vLLM on nvidia.com/gpu, ready on /health, scaled on its queue."""
    name = f"vllm-{tier}"
    labels = {**base_labels, "aya/vllm-pool": tier}
    args = [
        "--model=$(VLLM_MODEL)",
        f"--served-model-name=aya-{tier}",
        "--tokenizer-mode=$(VLLM_TOKENIZER_MODE)",
        "--max-model-len=$(VLLM_MAX_MODEL_LEN)",
        "--gpu-memory-utilization=$(VLLM_GPU_MEMORY_UTILIZATION)",
        "--enable-auto-tool-choice",
        "--tool-call-parser=mistral",
    ]
    model = MODELS[tier]
    return [
        {
            "apiVersion": "apps/v1",
            "kind": "Deployment",
            "metadata": {"name": name, "labels": labels},
            "spec": {
                "replicas": 1,
                "selector": {"matchLabels": {"app.kubernetes.io/name": name}},
                "template": {
                    "metadata": {"labels": labels},
                    "spec": {
                        "containers": [
                            {
                                "name": "vllm",
                                "image": "vllm/vllm-openai:v0.8.5",
                                "args": args,
                                "env": [
                                    {"name": "VLLM_MODEL", "value": model},
                                    {"name": "VLLM_TOKENIZER_MODE", "value": "mistral"},
                                    {"name": "VLLM_MAX_MODEL_LEN", "value": "16384"},
                                    {"name": "VLLM_GPU_MEMORY_UTILIZATION", "value": "0.90"},
                                    {
                                        "name": "VLLM_API_KEY",
                                        "valueFrom": {
                                            "secretKeyRef": {"name": "aya-vllm", "key": "api-key"}
                                        },
                                    },
                                    {
                                        "name": "HUGGING_FACE_HUB_TOKEN",
                                        "valueFrom": {
                                            "secretKeyRef": {
                                                "name": "aya-vllm",
                                                "key": "hf-token",
                                                "optional": True,
                                            }
                                        },
                                    },
                                ],
                                "ports": [{"name": "http", "containerPort": 8000}],
                                "resources": {
                                    "requests": {"cpu": "4", "memory": "32Gi"},
                                    "limits": {"nvidia.com/gpu": "1", "memory": "64Gi"},
                                },
                                "readinessProbe": {
                                    "httpGet": {"path": "/health", "port": "http"},
                                    "periodSeconds": 10,
                                },
                                "startupProbe": {
                                    "httpGet": {"path": "/health", "port": "http"},
                                    "periodSeconds": 10,
                                    "failureThreshold": 90,
                                },
                                "volumeMounts": [
                                    {"name": "cache", "mountPath": "/root/.cache/huggingface"},
                                    {"name": "shm", "mountPath": "/dev/shm"},
                                ],
                            }
                        ],
                        "tolerations": [
                            {"key": "nvidia.com/gpu", "operator": "Exists", "effect": "NoSchedule"}
                        ],
                        "volumes": [
                            {"name": "cache", "emptyDir": {}},
                            {"name": "shm", "emptyDir": {"medium": "Memory", "sizeLimit": "8Gi"}},
                        ],
                    },
                },
            },
        },
        {
            "apiVersion": "v1",
            "kind": "Service",
            "metadata": {"name": name, "labels": labels},
            "spec": {
                "selector": {"app.kubernetes.io/name": name},
                "ports": [{"name": "http", "port": 8000, "targetPort": "http"}],
            },
        },
        {
            "apiVersion": "keda.sh/v1alpha1",
            "kind": "ScaledObject",
            "metadata": {"name": name, "labels": labels},
            "spec": {
                "scaleTargetRef": {"name": name},
                "minReplicaCount": 1,
                "maxReplicaCount": 4,
                "cooldownPeriod": 600,
                "triggers": [
                    {
                        "type": "prometheus",
                        "metadata": {
                            "serverAddress": PROMETHEUS,
                            "query": f'sum(vllm:num_requests_waiting{{pod=~"{name}-.*"}})',
                            "threshold": "4",
                        },
                    }
                ],
            },
        },
    ]
