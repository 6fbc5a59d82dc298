-- Two more parts of a tenant's instructions' versions: the month its fiscal year starts (for
-- "this fiscal year", "FY2026", "fiscal Q3") and the campaigns it leaves out of every figure
-- (an employee giveaway, a test campaign); tenant_context() returns them with the rest.
ALTER TABLE tenant_instructions
    ADD COLUMN fiscal_year_start_month integer NOT NULL DEFAULT 1
        CHECK (fiscal_year_start_month BETWEEN 1 AND 12),
    ADD COLUMN exclude_campaigns text[] NOT NULL DEFAULT '{}'
        CHECK (cardinality(exclude_campaigns) <= 50);

DROP FUNCTION tenant_context();
CREATE FUNCTION tenant_context()
RETURNS TABLE (display_name text, assistant_name text, logo_url text, primary_color text,
               agency_name text, agency_assistant_name text, agency_logo_url text,
               agency_primary_color text, version integer, text text, target_roas numeric,
               target_cpa numeric, fiscal_year_start_month integer, exclude_campaigns text[])
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT t.name, t.assistant_name, t.logo_url, t.primary_color,
           p.name, p.assistant_name, p.logo_url, p.primary_color,
           i.version, i.text, i.target_roas, i.target_cpa, i.fiscal_year_start_month,
           i.exclude_campaigns
    FROM tenants t
    LEFT JOIN tenants p ON p.id = t.parent_id
    LEFT JOIN LATERAL (
        SELECT * FROM tenant_instructions x WHERE x.tenant_id = t.id
        ORDER BY x.version DESC LIMIT 1
    ) i ON true
    WHERE t.id = current_setting('app.current_tenant', true)
$$;
REVOKE ALL ON FUNCTION tenant_context() FROM PUBLIC;
