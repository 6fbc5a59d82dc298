"""The query router: a question becomes a `QueryPlan` by rules and a vocabulary, no model.

Where things are:
- `handlers.py`: `query.submitted` → `plan.build_plan` → `plan.ready`; `cli.py` is `aya route`.
- `plan.py` reads a question in this order: `tokens` (normalize, correct typos against the
  `lexicon`), `filters` (campaign and account names), `entities` (platforms, metrics),
  `dates/` (the period, its comparison, the history of a why-question), `grouping`
  (breakdowns, rankings), `forecasts` (questions about the future).
- `intents.py` decides intent, route and tier from what was found, trying the cue words of
  `cues.py` in its order; `coverage.py` keeps a question direct only when every word of it
  was explained, and `scene.py` finds a message's last request and the scene around it.
- Names: `filters.py` (beside a noun, quoted, coded), `proper_names.py` (after "for", beside
  figures, listed, set side by side), `invented_names.py` (a client's own coined brand).
"""

from services.router.plan import build_plan

__all__ = ["build_plan"]
