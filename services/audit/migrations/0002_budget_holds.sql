-- Budget holds: the cost ceiling of each model call in flight. A hold is deleted in the
-- transaction that records its call (model_calls.hold_id), or expires when its call never
-- reports (a worker that died): spend and hold never both count, and none leaks.
CREATE TABLE budget_holds (
    hold_id            uuid PRIMARY KEY,
    tenant_id          text NOT NULL CHECK (tenant_id ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
    query_id           text NOT NULL,
    engine             text NOT NULL,
    model              text NOT NULL,
    amount_usd_micros  bigint NOT NULL CHECK (amount_usd_micros >= 0),
    -- The budget the hold was granted under, so the settling call can raise the alert.
    budget_usd_micros  bigint NOT NULL CHECK (budget_usd_micros >= 0),
    alert_ratio        numeric NOT NULL CHECK (alert_ratio > 0 AND alert_ratio <= 1),
    created_at         timestamptz NOT NULL DEFAULT now(),
    expires_at         timestamptz NOT NULL
);
CREATE INDEX budget_holds_tenant ON budget_holds (tenant_id, expires_at);

ALTER TABLE model_calls ADD COLUMN hold_id uuid;

-- One alert per tenant, month and kind: raising it twice is a no-op.
CREATE TABLE budget_alerts (
    tenant_id          text NOT NULL CHECK (tenant_id ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
    month              date NOT NULL,
    kind               text NOT NULL CHECK (kind IN ('threshold', 'exhausted')),
    spent_usd_micros   bigint NOT NULL,
    budget_usd_micros  bigint NOT NULL,
    alert_ratio        numeric NOT NULL,
    raised_at          timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, month, kind)
);

ALTER TABLE budget_holds ENABLE ROW LEVEL SECURITY;
ALTER TABLE budget_holds FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON budget_holds
    USING (tenant_id = current_setting('app.current_tenant', true))
    WITH CHECK (tenant_id = current_setting('app.current_tenant', true));

ALTER TABLE budget_alerts ENABLE ROW LEVEL SECURITY;
ALTER TABLE budget_alerts FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON budget_alerts
    USING (tenant_id = current_setting('app.current_tenant', true))
    WITH CHECK (tenant_id = current_setting('app.current_tenant', true));
