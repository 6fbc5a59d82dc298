-- The agency tree is the one policy across tenants; it only needs to let an agency *see* its
-- clients. Every write to a client's row runs as the client itself, so the agency's session
-- is given no write through the tree.
DROP POLICY agency_tree ON tenants;
CREATE POLICY agency_tree ON tenants FOR SELECT
    USING (parent_id = current_setting('app.current_tenant', true));
