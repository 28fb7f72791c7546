-- Up Migration

-- The tenant's personal links (server/tenant/links.ts): one per message, the token itself never
-- stored, only its SHA-256. A link lives 60 days after the case's latest message and dies with
-- the case (revoked when it closes).
CREATE TABLE tenant_links (
  token_hash bytea PRIMARY KEY,
  case_id uuid NOT NULL REFERENCES cases(id),
  message_key text NOT NULL UNIQUE,
  issued_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz
);
CREATE INDEX tenant_links_case ON tenant_links (case_id) WHERE revoked_at IS NULL;

-- The tenant's own choice of the day their rent is collected (1, 5, 10, 15, 20 or 25), for the ledger.
ALTER TABLE tenancies ADD COLUMN debit_day integer CHECK (debit_day IN (1, 5, 10, 15, 20, 25));
-- When the tenant prefers to be reached (morning, afternoon, evening), beside the channel.
ALTER TABLE tenants ADD COLUMN preferred_time text CHECK (preferred_time IN ('morning', 'afternoon', 'evening'));

-- Checkouts the tenant started at the payment provider; the provider's payment id is the
-- payment's reference on the case, so a webhook delivered twice applies it once.
CREATE TABLE tenant_checkouts (
  provider_payment_id text PRIMARY KEY,
  case_id uuid NOT NULL REFERENCES cases(id),
  amount_cents integer NOT NULL CHECK (amount_cents > 0),
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'paid', 'failed', 'expired', 'canceled')),
  created_at timestamptz NOT NULL DEFAULT now(),
  paid_at timestamptz
);
CREATE INDEX tenant_checkouts_case ON tenant_checkouts (case_id, created_at);

-- Down Migration
DROP TABLE tenant_checkouts;
ALTER TABLE tenants DROP COLUMN preferred_time;
ALTER TABLE tenancies DROP COLUMN debit_day;
DROP TABLE tenant_links;
