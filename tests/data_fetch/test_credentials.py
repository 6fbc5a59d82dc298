"""Which Lemanado token a tenant's calls use: the operator's file first, else the tenant's own
reference — only ever a secret in the tenant's own folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from services.data_fetch.credentials import Credentials


@pytest.fixture
def secrets(tmp_path: Path) -> Path:
    for tenant, name, token in [
        ("acme", "lemanado", "tok-acme\n"),
        ("globex", "lemanado", "tok-globex"),
        ("globex", "spare", "tok-globex-spare"),
    ]:
        (tmp_path / tenant).mkdir(exist_ok=True)
        (tmp_path / tenant / name).write_text(token)
    (tmp_path / "loose-token").write_text("tok-loose")
    return tmp_path


def test_a_reference_names_a_secret_in_the_tenants_own_folder(secrets: Path) -> None:
    credentials = Credentials({}, secrets)
    assert credentials.token("acme", "lemanado") == "tok-acme"
    assert credentials.token("globex", "spare") == "tok-globex-spare"


def test_the_operators_file_wins_over_a_reference(secrets: Path) -> None:
    assert Credentials({"acme": "tok-file"}, secrets).token("acme", "lemanado") == "tok-file"


@pytest.mark.parametrize(
    "ref",
    ["spare", "../globex/spare", "..", "/etc/passwd", "../loose-token", "a/b", "", None],
)
def test_a_reference_can_never_reach_another_tenants_secret_or_leave_the_folder(
    secrets: Path, ref: str | None
) -> None:
    # "spare" exists, but only in globex's folder
    assert Credentials({}, secrets).token("acme", ref) is None


def test_a_link_out_of_the_folder_is_not_followed(secrets: Path) -> None:
    (secrets / "acme" / "sneaky").symlink_to(secrets / "globex" / "lemanado")
    assert Credentials({}, secrets).token("acme", "sneaky") is None


def test_without_a_secrets_folder_only_the_file_counts() -> None:
    assert Credentials({}, None).token("acme", "lemanado") is None
    assert Credentials({"acme": "tok-file"}, None).token("acme", "lemanado") == "tok-file"
