-- Up Migration

-- A handover is recorded first (with the minimal payload its partner may receive), then
-- delivered through the partner's adapter once: delivered_at and the partner's reference
-- make a retried delivery a no-op; a refusal is kept for staff to see.
ALTER TABLE handovers ADD COLUMN delivered_at timestamptz;
ALTER TABLE handovers ADD COLUMN delivery_ref text;
ALTER TABLE handovers ADD COLUMN delivery_error text;
