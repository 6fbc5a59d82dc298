"""The query router: a question becomes a `QueryPlan` by rules and a vocabulary, no model."""

from services.router.plan import build_plan

__all__ = ["build_plan"]
