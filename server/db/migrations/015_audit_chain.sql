-- Up Migration

-- Each audit row carries a hash chained to the row before it (server/audit/chain.ts): a row
-- changed or removed behind the app's back (by someone with the database's owner rights, who
-- can lift the append-only trigger) breaks the chain from there on, and `npm run audit:verify`
-- finds it. The database computes the chain itself, under a lock, so no code path of the app can
-- leave a row out; `seq` is the chain's order (ids are handed out before the lock).

-- The text a row's hash covers: every column but the chain's own, in a form that does not
-- depend on the session (time in microseconds since the epoch; jsonb's canonical text).
CREATE FUNCTION audit_row_text(seq bigint, at timestamptz, actor text, action text, case_id uuid, entity text, entity_id text, before jsonb, after jsonb, details jsonb, key text)
RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT jsonb_build_array(seq, (extract(epoch FROM at) * 1000000)::bigint, actor, action, case_id, entity, entity_id, before, after, details, key)::text
$$;

CREATE FUNCTION audit_chain_hash(previous text, row_text text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT encode(sha256(convert_to(coalesce(previous, '') || '|' || row_text, 'UTF8')), 'hex')
$$;

ALTER TABLE audit_log ADD COLUMN seq bigint, ADD COLUMN hash text;

-- The rows so far, chained in the order they were written.
ALTER TABLE audit_log DISABLE TRIGGER audit_append_only;
DO $$
DECLARE r record; previous text := NULL; n bigint := 0;
BEGIN
  FOR r IN SELECT * FROM audit_log ORDER BY id LOOP
    n := n + 1;
    previous := audit_chain_hash(previous, audit_row_text(n, r.at, r.actor, r.action, r.case_id, r.entity, r.entity_id, r.before, r.after, r.details, r.key));
    UPDATE audit_log SET seq = n, hash = previous WHERE id = r.id;
  END LOOP;
END $$;
ALTER TABLE audit_log ENABLE TRIGGER audit_append_only;
ALTER TABLE audit_log ALTER COLUMN seq SET NOT NULL, ALTER COLUMN hash SET NOT NULL, ADD CONSTRAINT audit_log_seq UNIQUE (seq);

CREATE FUNCTION chain_audit_row() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE previous record;
BEGIN
  -- One writer at a time extends the chain (held to the end of the writing transaction).
  PERFORM pg_advisory_xact_lock(hashtext('audit_log chain'));
  SELECT a.seq, a.hash INTO previous FROM audit_log a ORDER BY a.seq DESC LIMIT 1;
  NEW.seq := coalesce(previous.seq, 0) + 1;
  NEW.hash := audit_chain_hash(previous.hash, audit_row_text(NEW.seq, NEW.at, NEW.actor, NEW.action, NEW.case_id, NEW.entity, NEW.entity_id, NEW.before, NEW.after, NEW.details, NEW.key));
  RETURN NEW;
END $$;
CREATE TRIGGER audit_chain BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION chain_audit_row();
