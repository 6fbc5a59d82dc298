-- Agencies and their client tenants, branding, per-tenant limits, budgets and model policy,
-- and the admin audit log. The agency tree is the one cross-tenant policy: an agency's
-- session sees its clients' tenant rows (never their keys or questions directly).

ALTER TABLE tenants
    ADD COLUMN parent_id text REFERENCES tenants (id) ON DELETE RESTRICT,
    ADD COLUMN kind text NOT NULL DEFAULT 'client' CHECK (kind IN ('agency', 'client')),
    ADD COLUMN logo_url text CHECK (logo_url ~ '^https://'),
    ADD COLUMN primary_color text CHECK (primary_color ~ '^#[0-9a-fA-F]{6}$'),
    ADD COLUMN requests_per_minute integer NOT NULL DEFAULT 120 CHECK (requests_per_minute > 0),
    ADD COLUMN tokens_per_day bigint NOT NULL DEFAULT 2000000 CHECK (tokens_per_day >= 0),
    ADD COLUMN max_concurrent_analyses integer NOT NULL DEFAULT 4
        CHECK (max_concurrent_analyses > 0),
    ADD COLUMN monthly_budget_usd_micros bigint CHECK (monthly_budget_usd_micros >= 0),
    ADD COLUMN budget_alert_ratio numeric NOT NULL DEFAULT 0.8
        CHECK (budget_alert_ratio > 0 AND budget_alert_ratio <= 1),
    ADD COLUMN budget_policy text NOT NULL DEFAULT 'degrade'
        CHECK (budget_policy IN ('degrade', 'refuse')),
    ADD COLUMN budget_fail_open boolean NOT NULL DEFAULT false,
    ADD COLUMN markup_percent numeric NOT NULL DEFAULT 0 CHECK (markup_percent >= 0),
    ADD COLUMN allowed_tiers text[] NOT NULL DEFAULT '{small,medium,large}',
    ADD COLUMN model_overrides jsonb NOT NULL DEFAULT '{}',
    ADD COLUMN engine_chain text[],
    ADD COLUMN lemanado_credential_ref text,
    ADD CONSTRAINT client_has_agency_parent CHECK (kind = 'client' OR parent_id IS NULL);

CREATE INDEX tenants_parent ON tenants (parent_id);

CREATE POLICY agency_tree ON tenants
    USING (parent_id = current_setting('app.current_tenant', true))
    WITH CHECK (parent_id = current_setting('app.current_tenant', true));

CREATE TABLE admin_audit (
    id          bigserial PRIMARY KEY,
    tenant_id   text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    actor       text NOT NULL,
    action      text NOT NULL,
    target      text NOT NULL,
    before      jsonb,
    after       jsonb,
    at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX admin_audit_tenant ON admin_audit (tenant_id, at DESC);
ALTER TABLE admin_audit ENABLE ROW LEVEL SECURITY;
ALTER TABLE admin_audit FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON admin_audit
    USING (tenant_id = current_setting('app.current_tenant', true))
    WITH CHECK (tenant_id = current_setting('app.current_tenant', true));

DROP FUNCTION authenticate_key(text);
CREATE FUNCTION authenticate_key(key_prefix text)
RETURNS TABLE (key_id text, tenant_id text, secret_hash bytea, role text,
               tenant_status text, timezone text, currency text,
               expires_at timestamptz, revoked_at timestamptz,
               tenant_kind text, parent_id text, parent_status text,
               requests_per_minute integer, tokens_per_day bigint,
               max_concurrent_analyses integer)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT k.id, k.tenant_id, k.secret_hash, k.role, t.status, t.timezone, t.currency,
           k.expires_at, k.revoked_at, t.kind, t.parent_id, p.status,
           t.requests_per_minute, t.tokens_per_day, t.max_concurrent_analyses
    FROM api_keys k
    JOIN tenants t ON t.id = k.tenant_id
    LEFT JOIN tenants p ON p.id = t.parent_id
    WHERE k.prefix = key_prefix
$$;
REVOKE ALL ON FUNCTION authenticate_key(text) FROM PUBLIC;
