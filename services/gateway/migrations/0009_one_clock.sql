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

ALTER TABLE tenants ALTER COLUMN created_at SET DEFAULT app_now();
ALTER TABLE api_keys ALTER COLUMN created_at SET DEFAULT app_now();
ALTER TABLE queries ALTER COLUMN created_at SET DEFAULT app_now();
ALTER TABLE admin_audit ALTER COLUMN at SET DEFAULT app_now();

CREATE OR REPLACE FUNCTION purge_expired_queries()
RETURNS TABLE (tenant_id text, deleted bigint)
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    WITH gone AS (
        DELETE FROM queries q USING tenants t
        WHERE t.id = q.tenant_id
          AND q.created_at < app_now() - make_interval(days => t.query_retention_days)
        RETURNING q.tenant_id
    )
    SELECT g.tenant_id, count(*) FROM gone g GROUP BY g.tenant_id
$$;
