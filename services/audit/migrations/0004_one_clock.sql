-- The one clock, in SQL: app_now() is now(), or with the session's app.today (set by the
-- service's pool when AYA_TODAY pins the day) that day at the real time of day, UTC, the same
-- as libs.common.clock.Clock. Every default and every query that dates or ages rows reads it.
CREATE OR REPLACE FUNCTION app_now() RETURNS timestamptz
LANGUAGE sql STABLE AS $$
    SELECT CASE
        WHEN coalesce(current_setting('app.today', true), '') = '' THEN now()
        ELSE (current_setting('app.today')::date + (now() AT TIME ZONE 'UTC')::time)
            AT TIME ZONE 'UTC'
    END
$$;

ALTER TABLE model_calls ALTER COLUMN recorded_at SET DEFAULT app_now();
ALTER TABLE budget_holds ALTER COLUMN created_at SET DEFAULT app_now();
ALTER TABLE budget_alerts ALTER COLUMN raised_at SET DEFAULT app_now();

CREATE OR REPLACE FUNCTION purge_expired_ledger(keep_days integer)
RETURNS TABLE (tenant_id text, deleted bigint)
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    WITH calls AS (
        DELETE FROM model_calls WHERE started_at < app_now() - make_interval(days => keep_days)
        RETURNING tenant_id
    ), alerts AS (
        DELETE FROM budget_alerts
        WHERE month < (app_now() - make_interval(days => keep_days))::date
        RETURNING tenant_id
    ), holds AS (
        DELETE FROM budget_holds WHERE expires_at <= app_now() RETURNING tenant_id
    )
    SELECT c.tenant_id, count(*) FROM calls c GROUP BY c.tenant_id
$$;
