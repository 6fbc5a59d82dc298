-- Data lifecycle: each tenant keeps its questions and answers for its own retention period;
-- the sweep across tenants is one narrow SECURITY DEFINER function (it deletes only rows older
-- than their own tenant's period and returns how many per tenant).
ALTER TABLE tenants
    ADD COLUMN query_retention_days integer NOT NULL DEFAULT 365
        CHECK (query_retention_days BETWEEN 1 AND 3650);

CREATE FUNCTION purge_expired_queries()
RETURNS TABLE (tenant_id text, deleted bigint)
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    WITH gone AS (
        DELETE FROM queries q USING tenants t
        WHERE t.id = q.tenant_id
          AND q.created_at < now() - make_interval(days => t.query_retention_days)
        RETURNING q.tenant_id
    )
    SELECT g.tenant_id, count(*) FROM gone g GROUP BY g.tenant_id
$$;
REVOKE ALL ON FUNCTION purge_expired_queries() FROM PUBLIC;
