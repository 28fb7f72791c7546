-- Up Migration

-- Bank statement lines that found no open case, or named more than one: finance matches them by
-- hand (server/payments/statement-queue.ts). A line is known by its payment id (the same entry in a
-- later statement is the same line), so a statement imported again queues nothing twice.
CREATE TABLE statement_lines (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  payment_id text NOT NULL UNIQUE,
  import_id uuid NOT NULL REFERENCES payment_imports(id),
  line integer NOT NULL,
  -- The transfer's description as the payer wrote it, and the payer's account: personal data,
  -- cleared when the case it was matched to is anonymised.
  description text NOT NULL,
  iban text,
  amount_cents integer NOT NULL CHECK (amount_cents > 0),
  booked_on date NOT NULL,
  reason text NOT NULL,
  -- The open cases an ambiguous line named (empty when it named none).
  candidates uuid[] NOT NULL DEFAULT '{}',
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'matched', 'set-aside')),
  case_id uuid REFERENCES cases(id),
  resolved_by text,
  resolved_at timestamptz,
  note text,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((status = 'matched') = (case_id IS NOT NULL)),
  CHECK ((status = 'open') = (resolved_at IS NULL))
);
CREATE INDEX statement_lines_open ON statement_lines (booked_on, created_at) WHERE status = 'open';

-- An account finance matched to a tenancy by hand: the next transfer from it that carries no
-- usable reference matches that tenancy's open case by itself. One account may pay for more than
-- one tenancy (a parent paying for two homes); such a transfer is then still left to a person.
CREATE TABLE tenancy_ibans (
  iban text NOT NULL,
  tenancy_id uuid NOT NULL REFERENCES tenancies(id),
  learned_by text NOT NULL,
  learned_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (iban, tenancy_id)
);

-- Down Migration
DROP TABLE tenancy_ibans;
DROP TABLE statement_lines;
