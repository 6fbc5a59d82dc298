"""A stand-in for the Lemanado connector platform: a real MCP server over demo ad data."""

from lemanado_sample.anomalies import Anomaly, AnomalyKind, anomalies, anomalies_as_json
from lemanado_sample.auth import TenantToken, tenant_tokens, token_for
from lemanado_sample.catalog import DATA_START, Account, Campaign, Tenant, tenants
from lemanado_sample.query import GROUPINGS, MAX_DAYS, METRICS
from lemanado_sample.settings import LemanadoSampleSettings

__all__ = [
    "DATA_START",
    "GROUPINGS",
    "MAX_DAYS",
    "METRICS",
    "Account",
    "Anomaly",
    "AnomalyKind",
    "Campaign",
    "LemanadoSampleSettings",
    "Tenant",
    "TenantToken",
    "anomalies",
    "anomalies_as_json",
    "tenant_tokens",
    "tenants",
    "token_for",
]
