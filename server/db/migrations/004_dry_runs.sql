-- Up Migration

-- Dry runs: a policy owner runs a draft on the real engine, in accelerated time, for a
-- fictional tenant. Such a case is a real case row (the activities keep it current like any
-- other) marked dry_run, so every list, inbox and count can leave it out.
ALTER TABLE cases ADD COLUMN dry_run boolean NOT NULL DEFAULT false;

-- A dry run runs an unpublished draft (definition_version 0), which the foreign key to
-- definitions cannot allow. Real cases keep the guarantee through a trigger instead.
ALTER TABLE cases DROP CONSTRAINT IF EXISTS cases_definition_id_definition_version_fkey;

CREATE FUNCTION check_case_definition() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT NEW.dry_run AND NOT EXISTS (SELECT 1 FROM definitions d WHERE d.id = NEW.definition_id AND d.version = NEW.definition_version) THEN
    RAISE EXCEPTION 'case % refers to definition %@%, which is not published', NEW.id, NEW.definition_id, NEW.definition_version
      USING ERRCODE = 'foreign_key_violation';
  END IF;
  RETURN NEW;
END $$;

CREATE TRIGGER cases_definition_published BEFORE INSERT OR UPDATE OF definition_id, definition_version, dry_run ON cases
  FOR EACH ROW EXECUTE FUNCTION check_case_definition();

CREATE INDEX cases_dry_run ON cases (opened_at) WHERE dry_run;

CREATE TABLE dry_runs (
  id uuid PRIMARY KEY,
  -- The draft exactly as it ran, and the tenant behaviour played against it.
  definition jsonb NOT NULL,
  behaviour jsonb NOT NULL,
  case_id uuid NOT NULL REFERENCES cases(id),
  workflow_id text NOT NULL,
  started_by text NOT NULL,
  started_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz,
  -- Why the simulator stopped: closed, the step cap, the time cap, stopped by a person, or an error.
  stop_reason text
);
CREATE INDEX dry_runs_started ON dry_runs (started_by, started_at DESC);
