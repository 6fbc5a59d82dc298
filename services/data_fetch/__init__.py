"""data_fetch: the rows a plan needs, from Lemanado over MCP; for a direct plan, the answer
computed from them (no model); for an analysis plan, the job inference answers.

Where things are:
- `app.py` wires broker, session pool and subscribers; `handlers.py` takes `plan.ready`
  (→ an answer or `analysis.requested`) and the models' `fetch.request` calls.
- `mcp_client.py`: one MCP session per tenant per worker; `credentials.py`: whose Lemanado
  token a tenant's calls use; `fetch.py`: accounts and rows of a plan, concurrently.
- Direct: `scope.py` (which accounts and campaigns), `defaults.py` (what the plan left
  unsaid), `aggregate.py` and `groups.py` (sums, breakdowns, rankings), `summary.py` (all the
  answer says, unrounded), `direct.py` → `answer.py`, `table.py`, `display.py` (the text).
- Analysis: `windows.py` (asked, compare and history windows) → `analysis.py` (their rows
  and the campaigns' status). `tool_fetch.py` answers a model's `get_metrics` call.
"""
