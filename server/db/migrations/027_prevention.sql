-- Prevention before arrears (definition/prevention.ts): a prevention process is a case of its
-- own purpose, started on a risk signal, that may run beside nothing else of its kind. A tenancy
-- has at most one open case per purpose; an arrears case opening ends the prevention process
-- (server/prevention/end-prevention.ts).
ALTER TABLE cases
  ADD COLUMN purpose text NOT NULL DEFAULT 'arrears' CHECK (purpose IN ('arrears', 'prevention')),
  ADD COLUMN risk_signal text,
  -- The seasonal campaign run that opened it (server/prevention/campaigns.ts), so a run opens each once.
  ADD COLUMN campaign_run text;
DROP INDEX one_open_case_per_tenancy;
CREATE UNIQUE INDEX one_open_case_per_tenancy ON cases (tenancy_id, purpose) WHERE status <> 'closed';
CREATE INDEX cases_campaign_run ON cases (campaign_run) WHERE campaign_run IS NOT NULL;

ALTER TABLE intake_lines DROP CONSTRAINT intake_lines_outcome_check;
ALTER TABLE intake_lines ADD CONSTRAINT intake_lines_outcome_check
  CHECK (outcome IN ('pending', 'opened', 'prevention', 'rent-due', 'unchanged', 'ledger-cleared', 'below-threshold', 'no-arrears', 'skipped', 'invalid'));

-- Seasonal proactive contact: each campaign is a Temporal Schedule that opens a prevention process
-- for the tenancies that fell behind in a given month of last year.
CREATE TABLE prevention_campaigns (
  id text PRIMARY KEY,
  name text NOT NULL,
  definition_id text NOT NULL,
  run_month integer NOT NULL CHECK (run_month BETWEEN 1 AND 12),
  run_day integer NOT NULL CHECK (run_day BETWEEN 1 AND 28),
  behind_month integer NOT NULL CHECK (behind_month BETWEEN 1 AND 12),
  active boolean NOT NULL DEFAULT true,
  created_by text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE prevention_campaign_runs (
  run_key text PRIMARY KEY,
  campaign_id text NOT NULL REFERENCES prevention_campaigns(id) ON DELETE CASCADE,
  run_date date NOT NULL,
  behind_from date NOT NULL,
  behind_until date NOT NULL,
  opened integer NOT NULL DEFAULT 0,
  status text NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'done')),
  started_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz
);
