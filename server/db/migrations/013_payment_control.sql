-- Up Migration

-- Every payment traceable to where it came from: a statement's line, or the person who
-- registered it by hand with a reason (and, above the threshold, the second person who
-- approved it). Older rows keep NULL: they predate the control.
ALTER TABLE payments
  ADD COLUMN import_line integer,
  ADD COLUMN registered_by uuid REFERENCES users(id),
  ADD COLUMN reason text,
  ADD COLUMN approved_by uuid REFERENCES users(id),
  ADD CONSTRAINT payments_approver_is_another CHECK (approved_by IS DISTINCT FROM registered_by OR approved_by IS NULL);

-- A manual payment above the approval threshold waits here, unseen by the case's workflow,
-- until a second person approves it (then it becomes a payment) or rejects it. Its reference
-- is reserved meanwhile: the same bank reference cannot be registered twice in two ways.
CREATE TABLE payment_requests (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id uuid NOT NULL REFERENCES cases(id),
  reference text NOT NULL UNIQUE,
  amount_cents integer NOT NULL CHECK (amount_cents > 0),
  received_at timestamptz NOT NULL,
  reason text NOT NULL,
  requested_by uuid NOT NULL REFERENCES users(id),
  requested_at timestamptz NOT NULL DEFAULT now(),
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected')),
  decided_by uuid REFERENCES users(id),
  decided_at timestamptz,
  decision_note text,
  CHECK ((status = 'pending') = (decided_by IS NULL)),
  CHECK (status <> 'approved' OR decided_by <> requested_by)
);
CREATE INDEX payment_requests_pending ON payment_requests (requested_at) WHERE status = 'pending';
CREATE INDEX payment_requests_case ON payment_requests (case_id);
