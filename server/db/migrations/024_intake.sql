-- Up Migration

-- The daily intake of the rent ledger's arrears list (server/intake/): one run per file, its
-- lines' outcomes (what the run did with each, or what is wrong with it). A line keeps its checked
-- data (tenants' contact data) only while it waits to be done.
CREATE TABLE intake_runs (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  file_sha256 text NOT NULL,
  filename text,
  source text NOT NULL CHECK (source IN ('upload', 'push', 'folder', 'url')),
  definition_id text NOT NULL,
  as_of date NOT NULL,
  status text NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'done', 'failed')),
  total_lines integer NOT NULL,
  done_lines integer NOT NULL DEFAULT 0,
  error text,
  started_by text NOT NULL,
  started_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz
);
-- The same file twice is the same run.
CREATE UNIQUE INDEX intake_runs_file ON intake_runs (file_sha256);
CREATE INDEX intake_runs_started ON intake_runs (started_at DESC);

CREATE TABLE intake_lines (
  run_id uuid NOT NULL REFERENCES intake_runs(id),
  line integer NOT NULL,
  tenancy_reference text,
  outcome text NOT NULL CHECK (outcome IN ('pending', 'opened', 'rent-due', 'unchanged', 'ledger-cleared', 'below-threshold', 'no-arrears', 'skipped', 'invalid')),
  case_id uuid REFERENCES cases(id),
  amount_cents integer,
  message text,
  data jsonb,
  PRIMARY KEY (run_id, line)
);
CREATE INDEX intake_lines_pending ON intake_lines (run_id, line) WHERE outcome = 'pending';
CREATE INDEX intake_lines_case ON intake_lines (case_id) WHERE case_id IS NOT NULL;

-- What the ledger said of the case's arrears last: new rent due is the growth of this figure.
ALTER TABLE cases ADD COLUMN ledger_arrears_cents integer;
ALTER TABLE cases ADD COLUMN ledger_as_of date;

-- Down Migration
ALTER TABLE cases DROP COLUMN ledger_as_of;
ALTER TABLE cases DROP COLUMN ledger_arrears_cents;
DROP TABLE intake_lines;
DROP TABLE intake_runs;
