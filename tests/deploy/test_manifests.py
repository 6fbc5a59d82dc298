"""The deployment files hold up without a Docker engine: the Dockerfile passes hadolint, the
compose file validates against the Compose specification's JSON schema, and every variable
they set is a setting the services read — with every setting a service cannot start without
set for it."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from tools.config_doc import environment_names

ROOT = Path(__file__).resolve().parents[2]
DOCKERFILE = ROOT / "Dockerfile"
COMPOSE = ROOT / "deploy" / "compose.yaml"
HADOLINT = Path(sys.executable).parent / "hadolint"
OUR_SERVICES = ("gateway", "router", "data-fetch", "inference", "audit")
REQUIRED = {
    "gateway": {"AYA_NATS_URL", "AYA_DATABASE_URL"},
    "router": {"AYA_NATS_URL"},
    "data-fetch": {"AYA_NATS_URL", "AYA_LEMANADO_URL"},
    "inference": {"AYA_NATS_URL"},
    "audit": {"AYA_NATS_URL", "AYA_DATABASE_URL"},
}
"""What each service refuses to start without."""


def _hadolint(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(HADOLINT), "--no-color", str(path)], capture_output=True, text=True, check=False
    )


def test_the_dockerfile_passes_hadolint() -> None:
    linted = _hadolint(DOCKERFILE)
    assert linted.returncode == 0, linted.stdout + linted.stderr


def test_hadolint_catches_a_careless_dockerfile(tmp_path: Path) -> None:
    careless = tmp_path / "Dockerfile"
    careless.write_text("FROM python:latest\nRUN apt-get install curl\n", encoding="utf-8")
    linted = _hadolint(careless)
    assert linted.returncode != 0
    assert "DL3007" in linted.stdout  # the latest tag


def _check_compose(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "check_jsonschema",
            "--builtin-schema",
            "vendor.compose-spec",
            str(path),
        ],
        capture_output=True,
        text=True,
        check=False,
    )


def test_compose_validates_against_the_compose_specification() -> None:
    checked = _check_compose(COMPOSE)
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_the_schema_check_catches_a_broken_compose_file(tmp_path: Path) -> None:
    broken = tmp_path / "compose.yaml"
    broken.write_text("services:\n  gateway:\n    restart: sometimes-maybe\n    ports: 8080\n")
    assert _check_compose(broken).returncode != 0


def _compose() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load(COMPOSE.read_text(encoding="utf-8"))
    return loaded


@pytest.mark.parametrize("service", OUR_SERVICES)
def test_compose_sets_only_real_settings_and_every_required_one(service: str) -> None:
    spec = _compose()["services"][service]
    assert spec["command"] == [service]
    environment = spec["environment"]
    ours = {name for name in environment if name.startswith("AYA_") or name.endswith("_API_KEY")}
    assert ours <= environment_names(), (
        f"{service} sets variables no setting reads: {ours - environment_names()}"
    )
    assert REQUIRED[service] <= set(environment), service
    assert environment["AYA_NATS_USER"] == service  # its own NATS user, least permissions


def test_the_dockerfile_sets_only_real_settings() -> None:
    text = DOCKERFILE.read_text(encoding="utf-8")
    names = set(re.findall(r"\b(AYA_[A-Z_]+)=", text))
    assert names, "the Dockerfile sets no AYA_ variable"
    assert names <= environment_names(), names - environment_names()


def test_only_the_gateway_and_grafana_are_published() -> None:
    published = {name for name, spec in _compose()["services"].items() if spec.get("ports")}
    assert published == {"gateway", "grafana"}


def test_our_services_run_read_only_and_unprivileged() -> None:
    for service in OUR_SERVICES:
        spec = _compose()["services"][service]
        assert spec["read_only"] is True, service
        assert spec["cap_drop"] == ["ALL"], service
        assert "no-new-privileges:true" in spec["security_opt"], service
        assert spec["deploy"]["resources"]["limits"], service
        assert spec["healthcheck"]["test"], service
