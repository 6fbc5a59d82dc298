"""The analyst engine: a deterministic, data-grounded answer computed from the rows, no model."""

from services.inference.analyst.analyse import AnalystReport, analyse
from services.inference.analyst.anomaly import Anomaly, AnomalyKind

__all__ = ["AnalystReport", "Anomaly", "AnomalyKind", "analyse"]
