"""inference: analysis jobs → the tier's engine chain (vllm → mistral) → a grounded answer, or
the analyst's data-grounded answer → the answer and one audit event per model call.

Where things are:
- `app.py` wires the service (`runtime.py`: engines, breakers, failover, tokenizer);
  `handlers.py` has one durable consumer per tier → `answering.answer_in_turn`.
- `answering.py` orchestrates one job: the tenant's share (`fairshare.py`), its `policy.py`
  (engines, budget gate), the prompt, the model's answer and its grounding, else the analyst.
- `prompt/`: `view.py` (the rows as Decimal aggregates) → `render.py` (JSON at a level of
  detail) → `fit.py` (the three messages, shrunk until they fit); `facts.py`, `tools.py`.
- `chain.py` runs a request down `failover.py` (breakers, retries, time limit per tier),
  streaming through `streaming.py`; `tool_loop.py` answers the model's `get_metrics` calls.
- `grounding.py` checks every number of a model's text against the figures it was given;
  `budget.py` holds each call's cost ceiling with the ledger; `calls.py` audits each attempt.
- `analyst/` examines the rows (changes, decomposition, anomalies) and writes the answer no
  model needs; `engines/` speak vLLM's and Mistral's APIs; `tokens.py` counts exactly.
"""
