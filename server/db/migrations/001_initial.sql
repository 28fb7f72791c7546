-- Up Migration

-- Tenants and tenancies hold the personal data; workflows only ever see their ids.
CREATE TABLE tenants (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL,
  email text,
  phone text,
  preferred_channel text,
  language text NOT NULL DEFAULT 'nl',
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE tenancies (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- The contract number; tenants put it on their transfers, so it is also the payment reference.
  reference text NOT NULL UNIQUE,
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  street text NOT NULL,
  postal_code text NOT NULL,
  city text NOT NULL,
  monthly_rent_cents integer,
  minors_in_household boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- Published definition versions. Immutable: a running case stays on the version it started with.
CREATE TABLE definitions (
  id text NOT NULL,
  version integer NOT NULL CHECK (version > 0),
  name text NOT NULL,
  body jsonb NOT NULL,
  change_note text,
  published_by text NOT NULL,
  published_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (id, version)
);

CREATE FUNCTION refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% rows are immutable: % is refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'raise_exception';
END $$;

CREATE TRIGGER definitions_immutable BEFORE UPDATE OR DELETE ON definitions
  FOR EACH ROW EXECUTE FUNCTION refuse_change();

CREATE TABLE definition_drafts (
  id text PRIMARY KEY,
  body jsonb NOT NULL,
  based_on_version integer,
  updated_by text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE templates (
  id text PRIMARY KEY,
  channel text NOT NULL,
  name text NOT NULL,
  subject text,
  body text NOT NULL,
  updated_by text NOT NULL DEFAULT 'system',
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- The case read model, kept current by the activities.
CREATE TABLE cases (
  id uuid PRIMARY KEY,
  tenancy_id uuid NOT NULL REFERENCES tenancies(id),
  workflow_id text NOT NULL,
  definition_id text NOT NULL,
  definition_version integer NOT NULL,
  status text NOT NULL CHECK (status IN ('active', 'paused', 'blocked', 'closed')),
  outcome text,
  current_step text,
  current_step_name text,
  current_step_kind text,
  waiting_on text,
  step_entered_at timestamptz,
  arrears_cents integer NOT NULL,
  balance_cents integer NOT NULL,
  due_date date NOT NULL,
  segment_suggestion text,
  pause_reason text,
  pause_review_date date,
  time_scale double precision NOT NULL DEFAULT 1,
  -- Patches from a case's activities may land out of order; only newer ones apply.
  balance_seq integer NOT NULL DEFAULT 0,
  status_seq integer NOT NULL DEFAULT 0,
  opened_by text NOT NULL,
  opened_at timestamptz NOT NULL DEFAULT now(),
  closed_at timestamptz,
  updated_at timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (definition_id, definition_version) REFERENCES definitions(id, version)
);
CREATE UNIQUE INDEX one_open_case_per_tenancy ON cases (tenancy_id) WHERE status <> 'closed';
CREATE INDEX cases_status ON cases (status, current_step);
CREATE INDEX cases_definition ON cases (definition_id, definition_version) WHERE status <> 'closed';

-- The timeline of a case: steps, messages, payments, tasks, pauses, notes.
CREATE TABLE case_events (
  id bigserial PRIMARY KEY,
  key text NOT NULL UNIQUE,
  case_id uuid NOT NULL REFERENCES cases(id),
  at timestamptz NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  type text NOT NULL,
  step_id text,
  actor text,
  data jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX case_events_case ON case_events (case_id, id);

-- Every message, keyed so a retried activity never sends twice.
CREATE TABLE outbox (
  id bigserial PRIMARY KEY,
  key text NOT NULL UNIQUE,
  case_id uuid NOT NULL REFERENCES cases(id),
  step_id text NOT NULL,
  channel text NOT NULL,
  template_id text NOT NULL,
  purpose text NOT NULL,
  recipient text,
  subject text,
  body text NOT NULL,
  status text NOT NULL CHECK (status IN ('pending', 'sent', 'failed')),
  error text,
  provider_id text,
  attempts integer NOT NULL DEFAULT 0,
  business_at timestamptz NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  sent_at timestamptz
);
CREATE INDEX outbox_case ON outbox (case_id, id);

CREATE TABLE tasks (
  id text PRIMARY KEY,
  case_id uuid NOT NULL REFERENCES cases(id),
  step_id text NOT NULL,
  kind text NOT NULL,
  title text NOT NULL,
  instructions text,
  role text NOT NULL,
  original_role text NOT NULL,
  assignee text,
  status text NOT NULL CHECK (status IN ('open', 'completed', 'cancelled', 'expired')),
  outcomes jsonb NOT NULL,
  approval jsonb,
  outcome text,
  fields jsonb,
  completed_by text,
  close_reason text,
  due_at timestamptz,
  reminders integer NOT NULL DEFAULT 0,
  escalated_at timestamptz,
  opened_at timestamptz NOT NULL,
  closed_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX tasks_open ON tasks (status, role, due_at);
CREATE INDEX tasks_case ON tasks (case_id);

-- Handovers to partners, with the minimal data that goes out (Bgs art. 2; GDPR art. 5).
CREATE TABLE handovers (
  id text PRIMARY KEY,
  case_id uuid NOT NULL REFERENCES cases(id),
  step_id text NOT NULL,
  partner text NOT NULL,
  purpose text,
  payload jsonb NOT NULL,
  status text NOT NULL CHECK (status IN ('awaiting', 'accepted', 'refused', 'withdrawn')),
  response_by text,
  response_note text,
  business_at timestamptz NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  closed_at timestamptz
);
CREATE INDEX handovers_case ON handovers (case_id);

CREATE TABLE payment_imports (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  file_sha256 text NOT NULL,
  filename text,
  lines integer NOT NULL,
  matched integer NOT NULL,
  duplicates integer NOT NULL,
  unmatched jsonb NOT NULL,
  imported_by text NOT NULL,
  imported_at timestamptz NOT NULL DEFAULT now()
);

-- A payment is known by its reference; the same reference twice is the same payment.
CREATE TABLE payments (
  reference text PRIMARY KEY,
  case_id uuid NOT NULL REFERENCES cases(id),
  amount_cents integer NOT NULL CHECK (amount_cents > 0),
  received_at timestamptz NOT NULL,
  source text NOT NULL,
  import_id uuid REFERENCES payment_imports(id),
  applied_at timestamptz,
  balance_after_cents integer,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX payments_case ON payments (case_id);

-- Append-only: who did or saw what, when. Updates and deletes are refused by the database.
CREATE TABLE audit_log (
  id bigserial PRIMARY KEY,
  key text UNIQUE,
  at timestamptz NOT NULL DEFAULT now(),
  actor text NOT NULL,
  action text NOT NULL,
  case_id uuid,
  entity text,
  entity_id text,
  before jsonb,
  after jsonb,
  details jsonb
);
CREATE INDEX audit_case ON audit_log (case_id, id);
CREATE TRIGGER audit_append_only BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER audit_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
