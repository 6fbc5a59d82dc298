-- Conversations: every question is a turn of one. Turns of a conversation run one at a time,
-- in order: a turn waits (its envelope kept in `pending`) until the one before has its
-- answer, then the gateway releases it into the pipeline with the earlier turns as context.
-- Both tables are the tenant's own, under the same row-level security as `queries`.

CREATE TABLE conversations (
    tenant_id         text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    id                uuid NOT NULL,
    principal         text NOT NULL,
    title             text NOT NULL DEFAULT '' CHECK (char_length(title) <= 200),
    turns             integer NOT NULL DEFAULT 0 CHECK (turns >= 0),
    archived          boolean NOT NULL DEFAULT false,
    created_at        timestamptz NOT NULL DEFAULT app_now(),
    last_activity_at  timestamptz NOT NULL DEFAULT app_now(),
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX conversations_recent ON conversations (tenant_id, last_activity_at DESC, id DESC);

ALTER TABLE queries
    ADD COLUMN conversation_id uuid,
    ADD COLUMN turn integer;

CREATE TABLE conversation_entries (
    tenant_id         text NOT NULL,
    conversation_id   uuid NOT NULL,
    turn              integer NOT NULL CHECK (turn >= 1),
    query_id          uuid NOT NULL,
    question          text NOT NULL,
    state             text NOT NULL DEFAULT 'waiting'
        CHECK (state IN ('waiting', 'asked', 'answered', 'failed')),
    pending           jsonb,
    plan              jsonb,
    answer_excerpt    text,
    tool_calls        jsonb,
    input_tokens      integer CHECK (input_tokens >= 0),
    output_tokens     integer CHECK (output_tokens >= 0),
    created_at        timestamptz NOT NULL DEFAULT app_now(),
    released_at       timestamptz,
    finished_at       timestamptz,
    PRIMARY KEY (tenant_id, conversation_id, turn),
    UNIQUE (tenant_id, query_id),
    FOREIGN KEY (tenant_id, conversation_id)
        REFERENCES conversations (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, query_id) REFERENCES queries (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX conversation_entries_open ON conversation_entries (tenant_id, conversation_id)
    WHERE state IN ('waiting', 'asked');
CREATE INDEX conversation_entries_waiting ON conversation_entries (released_at)
    WHERE state = 'waiting';

ALTER TABLE conversations ENABLE ROW LEVEL SECURITY;
ALTER TABLE conversations FORCE ROW LEVEL SECURITY;
ALTER TABLE conversation_entries ENABLE ROW LEVEL SECURITY;
ALTER TABLE conversation_entries FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON conversations
    USING (tenant_id = current_setting('app.current_tenant', true))
    WITH CHECK (tenant_id = current_setting('app.current_tenant', true));
CREATE POLICY tenant_isolation ON conversation_entries
    USING (tenant_id = current_setting('app.current_tenant', true))
    WITH CHECK (tenant_id = current_setting('app.current_tenant', true));

-- Retention: a conversation idle for longer than its tenant keeps questions goes with its
-- turns and their questions (the questions' own sweep takes older turns of a conversation
-- still in use).
CREATE FUNCTION purge_expired_conversations()
RETURNS TABLE (tenant_id text, deleted bigint)
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    WITH gone AS (
        DELETE FROM conversations c USING tenants t
        WHERE t.id = c.tenant_id
          AND c.last_activity_at < app_now() - make_interval(days => t.query_retention_days)
        RETURNING c.tenant_id, c.id
    ), questions AS (
        DELETE FROM queries q USING gone g
        WHERE q.tenant_id = g.tenant_id AND q.conversation_id = g.id
    )
    SELECT g.tenant_id, count(*) FROM gone g GROUP BY g.tenant_id
$$;
REVOKE ALL ON FUNCTION purge_expired_conversations() FROM PUBLIC;

-- Turns stuck behind a turn whose answer never came (its messages purged, say): the sweep
-- finds the conversations to release, across tenants, and releases each as its tenant.
CREATE FUNCTION conversations_waiting(stale_after interval)
RETURNS TABLE (tenant_id text, conversation_id uuid)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT DISTINCT e.tenant_id, e.conversation_id
    FROM conversation_entries e
    WHERE e.state = 'waiting' AND e.created_at < app_now() - stale_after
$$;
REVOKE ALL ON FUNCTION conversations_waiting(interval) FROM PUBLIC;
