-- Up Migration

-- Policy holds (definition/policy-holds.ts): for a period, the listed kinds of step do not run
-- for the cases a hold covers. Dates are Amsterdam calendar dates, both inclusive: the hold
-- lifts itself at 00:00 on the day after ends_on. Ending a hold early sets ended_at; the row
-- stays, so what was held and why can be read back. `revision` counts changes, so a case told
-- of a later end records it once.
CREATE TABLE policy_holds (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL,
  reason text NOT NULL,
  starts_on date NOT NULL,
  ends_on date NOT NULL,
  stops text[] NOT NULL CHECK (cardinality(stops) > 0),
  covers text NOT NULL CHECK (covers IN ('all', 'minors', 'minors-or-unknown')),
  definition_id text,
  revision integer NOT NULL DEFAULT 1,
  created_by uuid NOT NULL REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_by uuid REFERENCES users(id),
  updated_at timestamptz,
  ended_by uuid REFERENCES users(id),
  ended_at timestamptz,
  CHECK (ends_on >= starts_on)
);
CREATE INDEX policy_holds_current ON policy_holds (ends_on) WHERE ended_at IS NULL;

-- Which hold a case waits for at its step, as the case last said (workflows/policy-hold.ts);
-- cleared when the hold lifts or the case enters another step. The server finds the cases to
-- tell of a changed hold here, and the heat view counts them.
ALTER TABLE cases ADD COLUMN policy_hold_id uuid REFERENCES policy_holds(id);
ALTER TABLE cases ADD COLUMN policy_hold_until timestamptz;
CREATE INDEX cases_policy_hold ON cases (policy_hold_id) WHERE policy_hold_id IS NOT NULL;

-- Down Migration
DROP INDEX cases_policy_hold;
ALTER TABLE cases DROP COLUMN policy_hold_until;
ALTER TABLE cases DROP COLUMN policy_hold_id;
DROP TABLE policy_holds;
