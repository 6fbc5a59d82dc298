-- Alerts that reach people: a tenant's alerts (budget threshold and exhaustion, anomalies),
-- the webhooks its admin registers, and every delivery of an alert to a webhook with each of
-- its attempts. All four are the tenant's own, under the same row-level security as `queries`.

CREATE TABLE webhooks (
    tenant_id    text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    id           uuid NOT NULL,
    url          text NOT NULL CHECK (url LIKE 'https://%' AND char_length(url) <= 2048),
    events       text[] NOT NULL CHECK (
        cardinality(events) >= 1
        AND events <@ ARRAY['budget.threshold', 'budget.exhausted', 'anomaly.detected']
    ),
    -- Kept as given: every delivery is signed with it (a hash could not sign). Never shown
    -- again after the response that created it.
    secret       text NOT NULL CHECK (char_length(secret) BETWEEN 16 AND 200),
    enabled      boolean NOT NULL DEFAULT true,
    description  text NOT NULL DEFAULT '' CHECK (char_length(description) <= 200),
    created_at   timestamptz NOT NULL DEFAULT app_now(),
    updated_at   timestamptz NOT NULL DEFAULT app_now(),
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX webhooks_recent ON webhooks (tenant_id, created_at DESC, id DESC);

-- One row per alert raised: (kind, key) names the event, so a redelivered NATS message or a
-- watch that runs twice raises it once.
CREATE TABLE alerts (
    tenant_id  text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    id         uuid NOT NULL,
    kind       text NOT NULL
        CHECK (kind IN ('budget.threshold', 'budget.exhausted', 'anomaly.detected')),
    key        text NOT NULL CHECK (char_length(key) <= 500),
    raised_at  timestamptz NOT NULL DEFAULT app_now(),
    data       jsonb NOT NULL,
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, kind, key)
);
CREATE INDEX alerts_recent ON alerts (tenant_id, raised_at DESC, id DESC);

CREATE TABLE webhook_deliveries (
    tenant_id        text NOT NULL,
    id               uuid NOT NULL,
    webhook_id       uuid NOT NULL,
    alert_id         uuid NOT NULL,
    event            text NOT NULL,
    body             text NOT NULL,
    state            text NOT NULL DEFAULT 'pending'
        CHECK (state IN ('pending', 'delivered', 'failed')),
    attempts         integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    created_at       timestamptz NOT NULL DEFAULT app_now(),
    next_attempt_at  timestamptz NOT NULL DEFAULT app_now(),
    give_up_at       timestamptz NOT NULL,
    -- A sender's lease: while it is in the future, no other gateway takes the delivery.
    locked_until     timestamptz,
    finished_at      timestamptz,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, webhook_id) REFERENCES webhooks (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, alert_id) REFERENCES alerts (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at)
    WHERE state = 'pending';
CREATE INDEX webhook_deliveries_recent
    ON webhook_deliveries (tenant_id, webhook_id, created_at DESC, id DESC);

CREATE TABLE webhook_attempts (
    tenant_id    text NOT NULL,
    delivery_id  uuid NOT NULL,
    attempt      integer NOT NULL CHECK (attempt >= 1),
    at           timestamptz NOT NULL DEFAULT app_now(),
    status_code  integer,
    error        text CHECK (char_length(error) <= 500),
    duration_ms  integer NOT NULL CHECK (duration_ms >= 0),
    PRIMARY KEY (tenant_id, delivery_id, attempt),
    FOREIGN KEY (tenant_id, delivery_id)
        REFERENCES webhook_deliveries (tenant_id, id) ON DELETE CASCADE
);

ALTER TABLE webhooks ENABLE ROW LEVEL SECURITY;
ALTER TABLE webhooks FORCE ROW LEVEL SECURITY;
ALTER TABLE alerts ENABLE ROW LEVEL SECURITY;
ALTER TABLE alerts FORCE ROW LEVEL SECURITY;
ALTER TABLE webhook_deliveries ENABLE ROW LEVEL SECURITY;
ALTER TABLE webhook_deliveries FORCE ROW LEVEL SECURITY;
ALTER TABLE webhook_attempts ENABLE ROW LEVEL SECURITY;
ALTER TABLE webhook_attempts FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON webhooks
    USING (tenant_id = current_setting('app.current_tenant', true))
    WITH CHECK (tenant_id = current_setting('app.current_tenant', true));
CREATE POLICY tenant_isolation ON alerts
    USING (tenant_id = current_setting('app.current_tenant', true))
    WITH CHECK (tenant_id = current_setting('app.current_tenant', true));
CREATE POLICY tenant_isolation ON webhook_deliveries
    USING (tenant_id = current_setting('app.current_tenant', true))
    WITH CHECK (tenant_id = current_setting('app.current_tenant', true));
CREATE POLICY tenant_isolation ON webhook_attempts
    USING (tenant_id = current_setting('app.current_tenant', true))
    WITH CHECK (tenant_id = current_setting('app.current_tenant', true));

-- The senders' work list, across tenants: due deliveries of enabled webhooks, at most
-- `per_tenant` of one tenant and none of the tenants in `busy` (their senders are full), each
-- leased for `lease` so no other gateway replica takes it meanwhile (SKIP LOCKED: replicas
-- claiming at once split the rows instead of waiting on each other). Returns ids only; the
-- sender reads and writes each delivery as its tenant.
CREATE FUNCTION claim_webhook_deliveries(batch integer, per_tenant integer, busy text[],
                                         lease interval)
RETURNS TABLE (tenant_id text, delivery_id uuid)
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    WITH due AS (
        SELECT d.tenant_id, d.id, d.next_attempt_at
        FROM webhook_deliveries d
        JOIN webhooks w ON w.tenant_id = d.tenant_id AND w.id = d.webhook_id AND w.enabled
        WHERE d.state = 'pending' AND d.next_attempt_at <= app_now()
          AND (d.locked_until IS NULL OR d.locked_until < app_now())
          AND NOT (d.tenant_id = ANY (busy))
        ORDER BY d.next_attempt_at
        LIMIT batch * 4
        FOR UPDATE OF d SKIP LOCKED
    ), fair AS (
        SELECT tenant_id, id, next_attempt_at,
               row_number() OVER (PARTITION BY tenant_id ORDER BY next_attempt_at) AS nth
        FROM due
    ), chosen AS (
        SELECT tenant_id, id FROM fair WHERE nth <= per_tenant
        ORDER BY next_attempt_at LIMIT batch
    )
    UPDATE webhook_deliveries d SET locked_until = app_now() + lease
    FROM chosen c WHERE d.tenant_id = c.tenant_id AND d.id = c.id
    RETURNING d.tenant_id, d.id
$$;
REVOKE ALL ON FUNCTION claim_webhook_deliveries(integer, integer, text[], interval) FROM PUBLIC;

-- Retention: alerts (with their deliveries and attempts) are kept as long as the tenant keeps
-- its questions.
CREATE FUNCTION purge_expired_alerts()
RETURNS TABLE (tenant_id text, deleted bigint)
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    WITH gone AS (
        DELETE FROM alerts a USING tenants t
        WHERE t.id = a.tenant_id
          AND a.raised_at < app_now() - make_interval(days => t.query_retention_days)
        RETURNING a.tenant_id
    )
    SELECT g.tenant_id, count(*) FROM gone g GROUP BY g.tenant_id
$$;
REVOKE ALL ON FUNCTION purge_expired_alerts() FROM PUBLIC;
