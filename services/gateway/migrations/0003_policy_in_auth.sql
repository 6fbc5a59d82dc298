-- The key lookup also returns the tenant's model policy, so each question carries it.
DROP FUNCTION authenticate_key(text);
CREATE FUNCTION authenticate_key(key_prefix text)
RETURNS TABLE (key_id text, tenant_id text, secret_hash bytea, role text,
               tenant_status text, timezone text, currency text,
               expires_at timestamptz, revoked_at timestamptz,
               tenant_kind text, parent_id text, parent_status text,
               requests_per_minute integer, tokens_per_day bigint,
               max_concurrent_analyses integer,
               allowed_tiers text[], model_overrides jsonb, engine_chain text[])
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT k.id, k.tenant_id, k.secret_hash, k.role, t.status, t.timezone, t.currency,
           k.expires_at, k.revoked_at, t.kind, t.parent_id, p.status,
           t.requests_per_minute, t.tokens_per_day, t.max_concurrent_analyses,
           t.allowed_tiers, t.model_overrides, t.engine_chain
    FROM api_keys k
    JOIN tenants t ON t.id = k.tenant_id
    LEFT JOIN tenants p ON p.id = t.parent_id
    WHERE k.prefix = key_prefix
$$;
REVOKE ALL ON FUNCTION authenticate_key(text) FROM PUBLIC;
