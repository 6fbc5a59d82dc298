"""The prompt of an analysis job: `view.py` aggregates the fetched rows once (Decimal sums,
ratios from sums) → `render.py` writes a view as compact JSON at one level of detail →
`fit.py` builds the three messages and walks down the levels until the request fits beside
the answer. `facts.py` adds the analyst's findings; `tools.py` is the `get_metrics` tool.
What a model may then quote is listed by `grounding.given_figures`."""
