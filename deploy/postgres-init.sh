#!/bin/sh
# Runs once, when PostgreSQL's data directory is new (docker-entrypoint-initdb.d). Temporal gets
# a login of its own that owns its two databases and cannot reach the app's; the owner's login
# (POSTGRES_USER) owns the app's database and is used only to migrate it; the app and the workers
# log in as arrears_app, whose rights migration 018 grants (rows, not the schema; the audit log
# append-only). Passwords go in as psql variables, never as text pasted into SQL.
set -eu
: "${TEMPORAL_DB_PASSWORD:?set TEMPORAL_DB_PASSWORD}"
: "${APP_DB_PASSWORD:?set APP_DB_PASSWORD}"
psql -v ON_ERROR_STOP=1 -v pw="$TEMPORAL_DB_PASSWORD" -v apppw="$APP_DB_PASSWORD" --username "$POSTGRES_USER" --dbname postgres <<'SQL'
CREATE ROLE temporal LOGIN PASSWORD :'pw';
CREATE DATABASE temporal OWNER temporal;
CREATE DATABASE temporal_visibility OWNER temporal;
REVOKE ALL ON DATABASE temporal, temporal_visibility FROM PUBLIC;
GRANT CONNECT ON DATABASE temporal, temporal_visibility TO temporal;
REVOKE ALL ON DATABASE arrears FROM PUBLIC;
CREATE ROLE arrears_app LOGIN PASSWORD :'apppw';
GRANT CONNECT ON DATABASE arrears TO arrears_app;
SQL
