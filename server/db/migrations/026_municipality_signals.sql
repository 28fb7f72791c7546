-- Up Migration

-- The municipality's early signal (Bgs art. 2) as the landlords' upload point takes it: staff
-- export the signals waiting in one batch file, upload it, and import the municipality's
-- answers. A signal belongs to one batch only, fixed when the batch is made, so a re-download
-- holds the same signals and no signal reaches the municipality twice.
CREATE TABLE municipality_signal_batches (
  id bigserial PRIMARY KEY,
  signal_count integer NOT NULL CHECK (signal_count > 0),
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by uuid NOT NULL REFERENCES users(id)
);
ALTER TABLE handovers ADD COLUMN signal_batch_id bigint REFERENCES municipality_signal_batches(id);
CREATE INDEX handovers_signal_waiting ON handovers (business_at) WHERE partner = 'municipality-signal' AND signal_batch_id IS NULL;
CREATE INDEX handovers_signal_batch ON handovers (signal_batch_id) WHERE signal_batch_id IS NOT NULL;

-- The municipality's answer to a signal. One row per signal and answer: the same answer
-- imported again is the same row (the import changes nothing). `applied_at` is set once the
-- case has it; a row without it (the engine was down mid-import) is applied by the next import.
-- No personal data: the signal's id, the answer, its dates.
CREATE TABLE municipality_signal_answers (
  id bigserial PRIMARY KEY,
  handover_id text NOT NULL REFERENCES handovers(id),
  case_id uuid NOT NULL REFERENCES cases(id),
  answer text NOT NULL CHECK (answer IN ('help-accepted', 'help-refused', 'not-reachable')),
  answered_on date NOT NULL,
  pause_until date,
  imported_by uuid NOT NULL REFERENCES users(id),
  imported_at timestamptz NOT NULL DEFAULT now(),
  applied_at timestamptz,
  effect text,
  UNIQUE (handover_id, answer)
);
CREATE INDEX municipality_signal_answers_case ON municipality_signal_answers (case_id);

-- Down Migration
DROP TABLE municipality_signal_answers;
DROP INDEX handovers_signal_batch;
DROP INDEX handovers_signal_waiting;
ALTER TABLE handovers DROP COLUMN signal_batch_id;
DROP TABLE municipality_signal_batches;
