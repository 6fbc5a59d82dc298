"""audit: every model call priced and written to the PostgreSQL ledger exactly once; usage,
budgets and the tenant's ledger answered over NATS.

Where things are:
- `app.py` wires migrations, the pool, Prometheus counters and the retention sweep;
  `handlers.py` has one subscriber per subject: `audit.model_call` (durable; ack after
  commit), and the requests `usage.request`, `budget.hold`, `budget.status`,
  `ledger.export`, `ledger.erase` — always for the tenant the subject names.
- `cost.py` prices a call (managed by tokens, self-hosted by GPU time) and a hold's ceiling;
  `ledger.py` is the SQL: idempotent writes, holds under an advisory lock, usage, export.
"""
