-- Up Migration

-- The app and the workers work as `arrears_app`, not as the database's owner: they read and
-- write rows, but cannot change the schema, lift a trigger or edit the audit log (INSERT and
-- SELECT only there). In production `arrears_app` is a login of its own
-- (deploy/postgres-init.sh) and the owner's login is used only to migrate; elsewhere it is a
-- role every pool connection takes on (server/db/pool.ts). The role belongs to the cluster:
-- several databases migrating at once may race to create it.
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'arrears_app') THEN
    CREATE ROLE arrears_app NOLOGIN;
  END IF;
EXCEPTION WHEN duplicate_object OR unique_violation THEN
  NULL;
END
$$;

GRANT USAGE ON SCHEMA public TO arrears_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO arrears_app;
GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO arrears_app;
REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM arrears_app;
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON schema_migrations FROM arrears_app;
-- Tables and sequences of later migrations (made by the same owner) get the same rights.
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO arrears_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO arrears_app;
