#!/bin/sh
# First start of the PostgreSQL volume: the `aya` database and the application role the
# services connect as (not the owner, not a superuser: row-level security applies to it).
# The gateway and audit run their migrations as the owner (AYA_DATABASE_ADMIN_URL).
set -eu
: "${AYA_APP_DB_PASSWORD:?AYA_APP_DB_PASSWORD must be set}"
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
  -v app_password="$AYA_APP_DB_PASSWORD" <<'SQL'
CREATE DATABASE aya;
CREATE ROLE aya_app LOGIN NOSUPERUSER NOBYPASSRLS PASSWORD :'app_password';
SQL
