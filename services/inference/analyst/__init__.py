"""The analyst engine: a deterministic, data-grounded answer computed from the rows, no model."""

from services.inference.analyst.analyse import AnalystReport, analyse, examine, facts_data
from services.inference.analyst.anomaly import Anomaly, AnomalyKind
from services.inference.analyst.report import Analysis

__all__ = [
    "Analysis",
    "AnalystReport",
    "Anomaly",
    "AnomalyKind",
    "analyse",
    "examine",
    "facts_data",
]
