-- Up Migration

-- What a tenant paid beyond the balance and is still owed (refunded or settled against the
-- next rent by finance, through a task). The balance itself never goes below zero.
ALTER TABLE cases ADD COLUMN credit_cents integer NOT NULL DEFAULT 0 CHECK (credit_cents >= 0);
