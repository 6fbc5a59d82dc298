-- Each question carries its tenant's Lemanado credential *reference* (the name of a secret,
-- never the secret) to data_fetch, which resolves it in the tenant's own secret folder.
DROP FUNCTION authenticate_key(text);
DROP FUNCTION tenant_profile(text);

CREATE FUNCTION tenant_profile(tenant text)
RETURNS TABLE (tenant_id text, tenant_status text, timezone text, currency text,
               tenant_kind text, parent_id text, parent_status text,
               requests_per_minute integer, tokens_per_day bigint,
               max_concurrent_analyses integer,
               allowed_tiers text[], model_overrides jsonb, engine_chain text[],
               monthly_budget_usd_micros bigint, budget_alert_ratio numeric,
               budget_policy text, budget_fail_open boolean,
               lemanado_credential_ref text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT t.id, t.status, t.timezone, t.currency, t.kind, t.parent_id, p.status,
           t.requests_per_minute, t.tokens_per_day, t.max_concurrent_analyses,
           t.allowed_tiers, t.model_overrides, t.engine_chain,
           t.monthly_budget_usd_micros, t.budget_alert_ratio, t.budget_policy,
           t.budget_fail_open, t.lemanado_credential_ref
    FROM tenants t LEFT JOIN tenants p ON p.id = t.parent_id
    WHERE t.id = tenant
$$;
REVOKE ALL ON FUNCTION tenant_profile(text) FROM PUBLIC;

CREATE FUNCTION authenticate_key(key_prefix text)
RETURNS TABLE (key_id text, secret_hash bytea, role text,
               expires_at timestamptz, revoked_at timestamptz,
               tenant_id text, tenant_status text, timezone text, currency text,
               tenant_kind text, parent_id text, parent_status text,
               requests_per_minute integer, tokens_per_day bigint,
               max_concurrent_analyses integer,
               allowed_tiers text[], model_overrides jsonb, engine_chain text[],
               monthly_budget_usd_micros bigint, budget_alert_ratio numeric,
               budget_policy text, budget_fail_open boolean,
               lemanado_credential_ref text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT k.id, k.secret_hash, k.role, k.expires_at, k.revoked_at, p.*
    FROM api_keys k CROSS JOIN LATERAL tenant_profile(k.tenant_id) p
    WHERE k.prefix = key_prefix
$$;
REVOKE ALL ON FUNCTION authenticate_key(text) FROM PUBLIC;
