-- The ledger: one row per engine call (failed attempts included), idempotent on call_id.
CREATE TABLE model_calls (
    call_id          text PRIMARY KEY,
    query_id         text NOT NULL,
    tenant_id        text NOT NULL CHECK (tenant_id ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
    principal        text NOT NULL,
    engine           text NOT NULL,
    model            text NOT NULL,
    tier             text NOT NULL,
    started_at       timestamptz NOT NULL,
    finished_at      timestamptz NOT NULL,
    latency_ms       double precision NOT NULL,
    input_tokens     integer NOT NULL CHECK (input_tokens >= 0),
    output_tokens    integer NOT NULL CHECK (output_tokens >= 0),
    status           text NOT NULL CHECK (status IN ('ok', 'error')),
    error_code       text,
    answered         boolean NOT NULL,
    degraded         boolean NOT NULL,
    running_beside   integer NOT NULL CHECK (running_beside >= 1),
    cost_usd_micros  bigint NOT NULL CHECK (cost_usd_micros >= 0),
    price_basis      text NOT NULL,
    trace_id         text,
    rationale        jsonb NOT NULL,
    recorded_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX model_calls_tenant_time ON model_calls (tenant_id, started_at);
CREATE INDEX model_calls_query ON model_calls (tenant_id, query_id);

ALTER TABLE model_calls ENABLE ROW LEVEL SECURITY;
ALTER TABLE model_calls FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON model_calls
    USING (tenant_id = current_setting('app.current_tenant', true))
    WITH CHECK (tenant_id = current_setting('app.current_tenant', true));
