-- Up Migration

-- Retention (server/privacy/anonymise.ts): when a closed case's personal data was removed, by
-- the retention period or by a tenant's erasure request. Amounts, steps and dates stay.
ALTER TABLE cases ADD COLUMN anonymised_at timestamptz;
ALTER TABLE tenants ADD COLUMN anonymised_at timestamptz;
CREATE INDEX cases_due_for_anonymising ON cases (closed_at) WHERE status = 'closed' AND anonymised_at IS NULL;
