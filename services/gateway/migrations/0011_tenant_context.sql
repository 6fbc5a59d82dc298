-- The tenant's own context: what the assistant calls itself (else its agency's choice), and
-- the business context its admin writes — free text and targets — kept as numbered versions
-- (each write is a new version, never an edit), under the tenant's row-level security.
ALTER TABLE tenants
    ADD COLUMN assistant_name text CHECK (assistant_name ~ '^[A-Za-z0-9][A-Za-z0-9 .''&-]{0,39}$');

CREATE TABLE tenant_instructions (
    tenant_id                text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    version                  integer NOT NULL CHECK (version >= 1),
    text                     text NOT NULL DEFAULT '' CHECK (char_length(text) <= 4000),
    target_roas              numeric CHECK (target_roas > 0),
    target_cpa               numeric CHECK (target_cpa > 0),
    created_by               text NOT NULL,
    created_at               timestamptz NOT NULL DEFAULT app_now(),
    PRIMARY KEY (tenant_id, version)
);
ALTER TABLE tenant_instructions ENABLE ROW LEVEL SECURITY;
ALTER TABLE tenant_instructions FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON tenant_instructions
    USING (tenant_id = current_setting('app.current_tenant', true))
    WITH CHECK (tenant_id = current_setting('app.current_tenant', true));

-- What a question needs of its tenant's context, in one read: its own name and brand, its
-- agency's brand to fall back on, and its latest instructions. SECURITY DEFINER because the
-- agency's row is not the client's to read; it takes no argument — it reads the session's own
-- tenant (app.current_tenant) — and returns only the brand fields of the agency.
CREATE FUNCTION tenant_context()
RETURNS TABLE (display_name text, assistant_name text, logo_url text, primary_color text,
               agency_name text, agency_assistant_name text, agency_logo_url text,
               agency_primary_color text, version integer, text text, target_roas numeric,
               target_cpa numeric)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT t.name, t.assistant_name, t.logo_url, t.primary_color,
           p.name, p.assistant_name, p.logo_url, p.primary_color,
           i.version, i.text, i.target_roas, i.target_cpa
    FROM tenants t
    LEFT JOIN tenants p ON p.id = t.parent_id
    LEFT JOIN LATERAL (
        SELECT * FROM tenant_instructions x WHERE x.tenant_id = t.id
        ORDER BY x.version DESC LIMIT 1
    ) i ON true
    WHERE t.id = current_setting('app.current_tenant', true)
$$;
REVOKE ALL ON FUNCTION tenant_context() FROM PUBLIC;
