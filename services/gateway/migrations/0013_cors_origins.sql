-- The browser origins a tenant's own front-ends are served from (its admin's setting), so
-- their pages may call the API: exact origins, or '*' for any (never with credentials).
ALTER TABLE tenants
    ADD COLUMN cors_origins text[] NOT NULL DEFAULT '{}'
        CHECK (cardinality(cors_origins) <= 20);

-- A preflight carries no key: it may pass when some active tenant lists the origin. Returns a
-- yes or no, nothing of which tenant.
CREATE FUNCTION cors_origin_known(origin text) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT EXISTS (
        SELECT 1 FROM tenants
        WHERE status = 'active' AND (origin = ANY (cors_origins) OR '*' = ANY (cors_origins))
    )
$$;
REVOKE ALL ON FUNCTION cors_origin_known(text) FROM PUBLIC;
