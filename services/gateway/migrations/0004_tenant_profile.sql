-- A JWT names its tenant once verified; this reads that tenant's profile (status, its
-- agency's status, limits, policy) the way authenticate_key does for API keys.
CREATE FUNCTION tenant_profile(tenant text)
RETURNS TABLE (tenant_id text, tenant_status text, timezone text, currency text,
               tenant_kind text, parent_id text, parent_status text,
               requests_per_minute integer, tokens_per_day bigint,
               max_concurrent_analyses integer,
               allowed_tiers text[], model_overrides jsonb, engine_chain text[])
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT t.id, t.status, t.timezone, t.currency, t.kind, t.parent_id, p.status,
           t.requests_per_minute, t.tokens_per_day, t.max_concurrent_analyses,
           t.allowed_tiers, t.model_overrides, t.engine_chain
    FROM tenants t LEFT JOIN tenants p ON p.id = t.parent_id
    WHERE t.id = tenant
$$;
REVOKE ALL ON FUNCTION tenant_profile(text) FROM PUBLIC;
