-- A model call is announced before it is made. Its announcement waits here until its outcome
-- arrives (then it is a model_calls row and leaves this table), or, when no outcome has come
-- by settle_by and the grace period (its worker died mid-call), the sweep records it in
-- model_calls as 'interrupted', billed at its ceiling. So every call made is in the ledger.
CREATE TABLE calls_in_flight (
    call_id      text PRIMARY KEY,
    tenant_id    text NOT NULL CHECK (tenant_id ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
    settle_by    timestamptz NOT NULL,
    call         jsonb NOT NULL,
    recorded_at  timestamptz NOT NULL DEFAULT app_now()
);
CREATE INDEX calls_in_flight_due ON calls_in_flight (settle_by);

ALTER TABLE calls_in_flight ENABLE ROW LEVEL SECURITY;
ALTER TABLE calls_in_flight FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON calls_in_flight
    USING (tenant_id = current_setting('app.current_tenant', true))
    WITH CHECK (tenant_id = current_setting('app.current_tenant', true));

ALTER TABLE model_calls DROP CONSTRAINT model_calls_status_check;
ALTER TABLE model_calls ADD CONSTRAINT model_calls_status_check
    CHECK (status IN ('ok', 'error', 'interrupted'));

-- The one narrow read across tenants: which announcements are overdue. Each is then settled
-- in its own tenant's transaction.
CREATE FUNCTION overdue_calls_in_flight(grace_seconds double precision, max_rows integer)
RETURNS TABLE (tenant_id text, call_id text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT tenant_id, call_id FROM calls_in_flight
    WHERE settle_by + make_interval(secs => grace_seconds) < app_now()
    ORDER BY settle_by
    LIMIT max_rows
$$;
REVOKE ALL ON FUNCTION overdue_calls_in_flight(double precision, integer) FROM PUBLIC;
