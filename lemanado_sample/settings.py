"""The sample server's settings: read once from AYA_* environment variables."""

from __future__ import annotations

from pydantic import Field, SecretStr, model_validator

from libs.common.settings import CommonSettings

# A published placeholder so `make run` works out of the box; refused in production.
DEV_SECRET = "lemanado-sample-dev-secret"


class LemanadoSampleSettings(CommonSettings):
    """Settings of `aya lemanado-sample`; `today` (AYA_TODAY) moves the server's "today"."""

    lemanado_sample_secret: SecretStr = Field(
        default=SecretStr(DEV_SECRET),
        description="Secret the tenants' bearer tokens derive from (AYA_LEMANADO_SAMPLE_SECRET).",
    )

    @model_validator(mode="after")
    def _no_dev_secret_in_production(self) -> LemanadoSampleSettings:
        if self.environment == "production" and self.secret == DEV_SECRET:
            raise ValueError(
                "AYA_LEMANADO_SAMPLE_SECRET must be set to a real secret "
                "when AYA_ENVIRONMENT=production"
            )
        return self

    @property
    def secret(self) -> str:
        """The token secret in clear text (only the auth module should need it)."""
        return self.lemanado_sample_secret.get_secret_value()
