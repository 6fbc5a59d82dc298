-- The ledger keeps its own (longer) retention than questions and answers: invoices and
-- year-on-year cost comparisons need it. One narrow SECURITY DEFINER sweep across tenants.
CREATE FUNCTION purge_expired_ledger(keep_days integer)
RETURNS TABLE (tenant_id text, deleted bigint)
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    WITH calls AS (
        DELETE FROM model_calls WHERE started_at < now() - make_interval(days => keep_days)
        RETURNING tenant_id
    ), alerts AS (
        DELETE FROM budget_alerts
        WHERE month < (now() - make_interval(days => keep_days))::date
        RETURNING tenant_id
    ), holds AS (
        DELETE FROM budget_holds WHERE expires_at <= now() RETURNING tenant_id
    )
    SELECT c.tenant_id, count(*) FROM calls c GROUP BY c.tenant_id
$$;
REVOKE ALL ON FUNCTION purge_expired_ledger(integer) FROM PUBLIC;
