"""Whose Lemanado token a tenant's calls use: the operator's credentials file (tenant → token),
else the tenant's own credential reference — the name of a secret in the tenant's own folder of
the secrets directory (`<dir>/<tenant_id>/<name>`, e.g. a mounted Kubernetes secret). A
reference can only name a file in its own tenant's folder, so one tenant can never point its
questions at another's credential. Tokens are never logged."""

from __future__ import annotations

import logging
from pathlib import Path

from libs.common.ids import is_tenant_id
from libs.common.query import is_secret_name

logger = logging.getLogger(__name__)


class Credentials:
    """Resolves a tenant's Lemanado token (None: the tenant has no usable connection)."""

    def __init__(self, file_tokens: dict[str, str], secrets_dir: Path | None) -> None:
        self._file_tokens = dict(file_tokens)
        self._secrets_dir = secrets_dir.resolve() if secrets_dir is not None else None

    def token(self, tenant_id: str, ref: str | None) -> str | None:
        """The token for the tenant's calls now."""
        if tenant_id in self._file_tokens:
            return self._file_tokens[tenant_id]
        if ref is None or self._secrets_dir is None:
            return None
        if not is_tenant_id(tenant_id) or not is_secret_name(ref):
            logger.warning("credential reference refused (not a plain secret name)")
            return None
        folder = self._secrets_dir / tenant_id
        path = (folder / ref).resolve()
        if path.parent != folder.resolve() or not path.is_file():
            logger.warning("credential reference names no secret in the tenant's folder")
            return None
        token = path.read_text(encoding="utf-8").strip()
        return token or None
