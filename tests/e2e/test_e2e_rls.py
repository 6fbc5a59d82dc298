"""Row-level security, proven as the application role itself: with no tenant set it sees
nothing, with another tenant set it sees none of this one's rows."""

from __future__ import annotations

import psycopg
import pytest
from e2e_support import HEL, NWO, ask
from test_e2e_admin import api, make_tree

from aya.stack import Stack

pytestmark = pytest.mark.slow
TENANT_TABLES = (
    "tenants", "api_keys", "queries", "conversations", "conversation_entries", "admin_audit",
    "tenant_instructions", "model_calls", "calls_in_flight", "budget_holds", "budget_alerts",
    "webhooks", "alerts", "webhook_deliveries", "webhook_attempts",
)  # fmt: skip


SEEDED = "rls-seed"


def _admin_url(stack: Stack) -> str:
    url = stack.settings.database_admin_url or (stack.postgres and stack.postgres.admin_url)
    assert url
    return url


def _count(url: str, table: str, tenant: str | None, where: str = "") -> int:
    with psycopg.connect(url) as conn, conn.transaction():
        if tenant is not None:
            conn.execute("SELECT set_config('app.current_tenant', %s, true)", (tenant,))
        row = conn.execute(f"SELECT count(*) FROM {table} {where}").fetchone()
    return int(row[0]) if row else 0


@pytest.fixture(scope="module")
def app_url(stack: Stack) -> str:
    ask(stack, NWO, "spend last week")
    ask(stack, NWO, "Why did ROAS drop last week?")  # a ledger row too
    # Budget rows and a call in flight too (the session stack has no budgets, and its calls
    # settle at once), so every table has rows to hide.
    with psycopg.connect(_admin_url(stack)) as conn:
        conn.execute(
            "INSERT INTO budget_holds (hold_id, tenant_id, query_id, engine, model,"
            " amount_usd_micros, budget_usd_micros, alert_ratio, expires_at)"
            " VALUES (gen_random_uuid(), %s, 'q', 'mistral', 'm', 1, 1, 0.8,"
            " now() + interval '1 day')",
            (SEEDED,),
        )
        conn.execute(
            "INSERT INTO budget_alerts (tenant_id, month, kind, spent_usd_micros,"
            " budget_usd_micros, alert_ratio) VALUES (%s, date_trunc('month', now())::date,"
            " 'threshold', 1, 1, 0.8) ON CONFLICT DO NOTHING",
            (SEEDED,),
        )
        conn.execute(
            "INSERT INTO calls_in_flight (call_id, tenant_id, settle_by, call)"
            " VALUES (gen_random_uuid(), %s, now() + interval '1 day', '{}')",
            (SEEDED,),
        )
        conn.execute(
            "INSERT INTO admin_audit (tenant_id, actor, action, target)"
            " VALUES (%s, 'test', 'rls.seed', %s)",
            (NWO, NWO),
        )
        # A webhook of Northwind's (switched off: never sent) with an alert, a delivery and
        # an attempt.
        conn.execute(
            "WITH w AS (INSERT INTO webhooks (tenant_id, id, url, events, secret, enabled)"
            " VALUES (%s, gen_random_uuid(), 'https://hooks.example.com/rls',"
            " '{budget.threshold}', 'rls-seed-secret-0123', false) RETURNING id),"
            " a AS (INSERT INTO alerts (tenant_id, id, kind, key, data) VALUES (%s,"
            " gen_random_uuid(), 'budget.threshold', 'rls-seed-' || gen_random_uuid(), '{}')"
            " RETURNING id),"
            " d AS (INSERT INTO webhook_deliveries (tenant_id, id, webhook_id, alert_id, event,"
            " body, give_up_at) SELECT %s, gen_random_uuid(), w.id, a.id, 'budget.threshold',"
            " '{}', now() FROM w, a RETURNING id)"
            " INSERT INTO webhook_attempts (tenant_id, delivery_id, attempt, status_code,"
            " duration_ms) SELECT %s, d.id, 1, 500, 3 FROM d",
            (NWO, NWO, NWO, NWO),
        )
    tree = make_tree(stack, "rls")  # instructions rows too
    with api(stack, tree.keys["client_admin"]) as admin:
        written = admin.put(f"/v1/admin/tenants/{tree.client}/instructions", json={"text": "x"})
        assert written.status_code == 200, written.text
    url = stack.settings.database_url
    assert url is not None
    with psycopg.connect(url) as conn:
        role = conn.execute(
            "SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = current_user"
        ).fetchone()
    assert role == (False, False), "the application must not be a superuser or bypass RLS"
    return url


def test_every_table_with_a_tenant_column_has_forced_row_security(app_url: str) -> None:
    with psycopg.connect(app_url) as conn:
        rows = conn.execute(
            "SELECT c.relname, c.relrowsecurity, c.relforcerowsecurity FROM pg_class c"
            " JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'tenant_id'"
            " JOIN pg_namespace n ON n.oid = c.relnamespace"
            " WHERE c.relkind = 'r' AND n.nspname = 'public'"
        ).fetchall()
    tables = {name for name, *_ in rows}
    assert tables | {"tenants"} == set(TENANT_TABLES), (
        "a new tenant table needs RLS and a place in this list"
    )
    assert all(enabled and forced for _, enabled, forced in rows), rows


@pytest.mark.parametrize("table", TENANT_TABLES)
def test_application_role_without_a_tenant_sees_no_rows(
    stack: Stack, app_url: str, table: str
) -> None:
    with psycopg.connect(_admin_url(stack)) as conn:
        held = conn.execute(f"SELECT count(*) FROM {table}").fetchone()
    assert held is not None
    assert held[0] > 0, f"{table} has no rows: the check would prove nothing"
    assert _count(app_url, table, None) == 0


@pytest.mark.parametrize(
    "table", ["api_keys", "queries", "conversations", "model_calls", "webhooks", "alerts"]
)
def test_another_tenant_sees_none_of_this_tenants_rows(app_url: str, table: str) -> None:
    mine = f"WHERE tenant_id = '{NWO}'"
    assert _count(app_url, table, NWO, mine) > 0
    assert _count(app_url, table, HEL, mine) == 0


def test_application_role_cannot_switch_row_security_off(app_url: str) -> None:
    with psycopg.connect(app_url) as conn:
        conn.execute("SET row_security = off")
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("SELECT count(*) FROM queries")


def test_application_role_cannot_write_another_tenants_rows(app_url: str) -> None:
    with psycopg.connect(app_url, autocommit=True) as conn:
        conn.execute("SELECT set_config('app.current_tenant', %s, false)", (HEL,))
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute(
                "INSERT INTO queries (tenant_id, id, principal, text)"
                " VALUES (%s, gen_random_uuid(), 'x', 'smuggled')",
                (NWO,),
            )


def test_an_agency_sees_its_clients_rows_but_cannot_write_them(stack: Stack, app_url: str) -> None:
    tree = make_tree(stack, "rlsw")
    with psycopg.connect(app_url, autocommit=True) as conn:
        conn.execute("SELECT set_config('app.current_tenant', %s, false)", (tree.agency,))
        seen = conn.execute("SELECT count(*) FROM tenants WHERE id = %s", (tree.client,))
        assert seen.fetchone() == (1,)
        changed = conn.execute("UPDATE tenants SET name = 'x' WHERE id = %s", (tree.client,))
        assert changed.rowcount == 0
        removed = conn.execute("DELETE FROM tenants WHERE id = %s", (tree.client,))
        assert removed.rowcount == 0
