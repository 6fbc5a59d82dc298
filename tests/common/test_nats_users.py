"""The NATS permission table: who may publish the pipeline's entry and the ledger's events, what
a team is given, and a configuration the real nats-server accepts."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from aya.embedded.nats import nats_binary
from libs.common.nats_users import (
    NatsUser,
    ServiceUser,
    Team,
    permissions,
    server_accounts,
    team_permissions,
)
from libs.common.subjects import Stage, any_tenant

ROOT = Path(__file__).resolve().parents[2]


def _publishers(subject_name: str) -> set[ServiceUser]:
    return {
        user
        for user in ServiceUser
        if user is not ServiceUser.OPS and subject_name in permissions(user).publish
    }


def test_only_the_gateway_submits_questions_and_only_inference_reports_model_calls() -> None:
    assert _publishers(any_tenant(Stage.QUERY_SUBMITTED)) == {ServiceUser.GATEWAY}
    assert _publishers(any_tenant(Stage.AUDIT_MODEL_CALL)) == {ServiceUser.INFERENCE}
    assert _publishers(any_tenant(Stage.PLAN_READY)) == {ServiceUser.ROUTER}


def test_no_service_may_delete_a_stream_or_hold_a_wildcard_over_everything() -> None:
    for user in ServiceUser:
        if user is ServiceUser.OPS:
            continue
        granted = permissions(user).publish + permissions(user).subscribe
        assert ">" not in granted, user
        assert "$JS.API.>" not in granted, user
        assert not any(s.startswith("$JS.API.STREAM.DELETE.") for s in granted), user


def test_a_team_asks_and_reads_only_for_its_tenants() -> None:
    perms = team_permissions(["northwind-outfitters"])
    assert perms.publish == (
        "aya.v1.northwind-outfitters.ask",
        "aya.v1.northwind-outfitters.ask.async",
    )
    # Its replies: `_INBOX.>` of its own account, where no other team's traffic is.
    assert perms.subscribe == (
        "_INBOX.>",
        "aya.v1.northwind-outfitters.answer.>",
        "aya.v1.northwind-outfitters.ask.receipts",
    )
    assert not perms.responses


@pytest.mark.parametrize("tenants", [[], ["*"], ["a.b"], [">"]])
def test_a_team_needs_real_tenant_ids(tenants: list[str]) -> None:
    with pytest.raises(ValueError, match="valid tenant ids"):
        team_permissions(tenants)


def test_nats_server_accepts_the_generated_configuration(tmp_path: Path) -> None:
    users = [NatsUser(user.value, f"pw-{user.value}", permissions(user)) for user in ServiceUser]
    teams = [Team("team-crm", 'quote"and\\slash', ("acme", "globex")), Team("bi", "pw", ("acme",))]
    config = tmp_path / "nats.conf"
    config.write_text(f"listen: 127.0.0.1:-1\n{server_accounts(users, teams)}", encoding="utf-8")
    checked = subprocess.run(
        [nats_binary(), "-t", "-c", str(config)], capture_output=True, text=True, timeout=30
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr


def _aya(*args: str) -> subprocess.CompletedProcess[str]:
    aya = Path(sys.executable).parent / "aya"
    return subprocess.run([str(aya), *args], capture_output=True, text=True, timeout=60)


def test_nats_config_command_writes_a_block_the_server_accepts(tmp_path: Path) -> None:
    passwords = tmp_path / "nats-users.json"
    made = _aya("nats-config", "--passwords", str(passwords), "--team", "crm=acme,globex")
    assert made.returncode == 0, made.stderr
    stored = json.loads(passwords.read_text(encoding="utf-8"))
    assert set(stored) == {*(u.value for u in ServiceUser), "crm"}
    assert passwords.stat().st_mode & 0o077 == 0  # readable by its owner only
    assert stored["crm"] in made.stdout
    again = _aya("nats-config", "--passwords", str(passwords), "--team", "crm=acme,globex")
    assert again.stdout == made.stdout  # the passwords are kept, not renewed
    config = tmp_path / "nats.conf"
    config.write_text(f"listen: 127.0.0.1:-1\n{made.stdout}", encoding="utf-8")
    checked = subprocess.run([nats_binary(), "-t", "-c", str(config)], capture_output=True)
    assert checked.returncode == 0, checked.stderr


@pytest.mark.parametrize("team", ["crm", "crm=", "=acme", "crm=a.b", "Crm=acme"])
def test_nats_config_refuses_a_malformed_team(tmp_path: Path, team: str) -> None:
    refused = _aya("nats-config", "--passwords", str(tmp_path / "p.json"), "--team", team)
    assert refused.returncode == 2
    assert "expected NAME=TENANT" in refused.stderr


def test_nats_config_writes_the_services_passwords_for_compose(tmp_path: Path) -> None:
    passwords, env = tmp_path / "nats-users.json", tmp_path / ".env"
    made = _aya(
        "nats-config", "--passwords", str(passwords), "--team", "crm=acme", "--env", str(env)
    )
    assert made.returncode == 0, made.stderr
    stored = json.loads(passwords.read_text(encoding="utf-8"))
    written = dict(line.split("=", 1) for line in env.read_text(encoding="utf-8").splitlines())
    services = [u for u in ServiceUser if u is not ServiceUser.OPS]
    assert written == {
        f"NATS_{u.value.upper().replace('-', '_')}_PASSWORD": stored[u.value] for u in services
    }
    assert env.stat().st_mode & 0o077 == 0
    # The compose file passes exactly these, and its server config accepts the generated block.
    compose = (ROOT / "deploy" / "compose.yaml").read_text(encoding="utf-8")
    assert all(f"${{{name}:?" in compose for name in written)
    (tmp_path / "auth.conf").write_text(made.stdout, encoding="utf-8")
    server_conf = (ROOT / "deploy" / "nats" / "nats.conf").read_text(encoding="utf-8")
    (tmp_path / "nats.conf").write_text(server_conf.replace("/data", str(tmp_path / "js")))
    checked = subprocess.run(
        [nats_binary(), "-t", "-c", str(tmp_path / "nats.conf")], capture_output=True
    )
    assert checked.returncode == 0, checked.stderr


def test_the_gateway_reads_budget_alerts_through_its_own_consumer_only() -> None:
    gateway = permissions(ServiceUser.GATEWAY).publish
    assert "$JS.API.CONSUMER.MSG.NEXT.AUDIT.gateway-alerts" in gateway
    assert "$JS.ACK.AUDIT.gateway-alerts.>" in gateway
    # …not the audit service's own consumer of model calls, and it cannot raise alerts itself.
    assert "$JS.API.CONSUMER.MSG.NEXT.AUDIT.audit" not in gateway
    assert _publishers(any_tenant(Stage.BUDGET_ALERT)) == {ServiceUser.AUDIT}


def test_only_inference_reports_anomalies_and_the_gateway_reads_them() -> None:
    assert _publishers(any_tenant(Stage.ANOMALY_DETECTED)) == {ServiceUser.INFERENCE}
    gateway = permissions(ServiceUser.GATEWAY).publish
    assert "$JS.API.CONSUMER.MSG.NEXT.ALERTS.gateway-anomalies" in gateway
