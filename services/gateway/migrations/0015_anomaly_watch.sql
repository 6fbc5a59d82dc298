-- The daily anomaly watch: switched on or off by the tenant's admin (off until then), and the
-- last day watched, so a day is watched once however many gateways look.
ALTER TABLE tenants
    ADD COLUMN anomaly_watch boolean NOT NULL DEFAULT false,
    ADD COLUMN anomaly_watch_day date;

-- The gateways' schedule, across tenants: who watches and in which time zone, and which day
-- it last watched (the claim of a day is made as the tenant itself).
CREATE FUNCTION anomaly_watch_tenants()
RETURNS TABLE (tenant_id text, timezone text, last_day date)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT t.id, t.timezone, t.anomaly_watch_day
    FROM tenants t LEFT JOIN tenants p ON p.id = t.parent_id
    WHERE t.anomaly_watch AND t.status = 'active' AND coalesce(p.status, 'active') = 'active'
$$;
REVOKE ALL ON FUNCTION anomaly_watch_tenants() FROM PUBLIC;
