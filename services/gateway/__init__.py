"""gateway: the REST front door — keys and JWTs per tenant, rate and token limits, budgets —
publishing questions onto NATS and returning their answers (sync, async, streamed).

Where things are:
- `app.py` wires FastAPI, the lifespan (`state.py`: pool, broker, limiters) and the routers;
  `middleware.py` holds the ASGI layers (body size, rate-limit headers, caller on the span).
- `deps.py`: what a route needs, by name — `StateDep`, `Caller` (authenticated, then
  admitted by the rate limit), `Asker` (may ask, within today's tokens), `Admin`.
- Routes: `routes.py` (questions: submit, poll, list), `streaming.py` (server-sent events),
  `usage.py`, `admin.py` (agencies, tenants, keys, settings; bodies in `admin_schemas.py`),
  `lifecycle.py` (retention, export, erasure); `schemas.py` and `errors.py` shape the wire.
- `repo/`: PostgreSQL, one module per table, every statement as a tenant (row-level security).
- `handlers.py`: answers from NATS into PostgreSQL, and dead letters (`deadletter.py`) into
  failed answers; `answers.py` waits for answers; `ledger_client.py` asks the audit service.
- `access.py` (who may administer whom), `ratelimit.py` (limits in NATS KV), `keys.py`,
  `jwt_auth.py`, `economics.py` (an agency's markup).
"""
