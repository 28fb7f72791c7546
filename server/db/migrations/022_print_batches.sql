-- Up Migration

-- Letters go out once a day as one print batch (server/letters/): a letter waits in the
-- outbox as 'awaiting-print' until the batch of its day is produced and handed to the
-- print-and-post service, and counts as sent from that hand-over. A letter belongs to one
-- batch only, fixed when the batch is first produced (print_batch_id), so the same day's PDF
-- downloaded twice holds the same letters.
CREATE TABLE print_batches (
  id bigserial PRIMARY KEY,
  -- The Amsterdam calendar day the batch is for; also the date printed on its letters.
  batch_date date NOT NULL UNIQUE,
  letter_count integer NOT NULL CHECK (letter_count > 0),
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by uuid NOT NULL REFERENCES users(id),
  handed_over_at timestamptz,
  handed_over_by uuid REFERENCES users(id),
  CHECK ((handed_over_at IS NULL) = (handed_over_by IS NULL))
);

ALTER TABLE outbox DROP CONSTRAINT outbox_status_check;
ALTER TABLE outbox ADD CONSTRAINT outbox_status_check CHECK (status IN ('pending', 'awaiting-print', 'sent', 'failed'));
ALTER TABLE outbox ADD COLUMN print_batch_id bigint REFERENCES print_batches(id);
-- What the message said the tenant owes (and, for a 14-day letter, what the costs would be):
-- the printed payment box repeats the amounts of the text, not a balance read days later.
ALTER TABLE outbox ADD COLUMN amount_cents integer;
ALTER TABLE outbox ADD COLUMN collection_costs_cents integer;
CREATE INDEX outbox_awaiting_print ON outbox (created_at) WHERE status = 'awaiting-print' AND print_batch_id IS NULL;
CREATE INDEX outbox_print_batch ON outbox (print_batch_id) WHERE print_batch_id IS NOT NULL;

-- Down Migration
DROP INDEX outbox_print_batch;
DROP INDEX outbox_awaiting_print;
ALTER TABLE outbox DROP COLUMN collection_costs_cents;
ALTER TABLE outbox DROP COLUMN amount_cents;
ALTER TABLE outbox DROP COLUMN print_batch_id;
UPDATE outbox SET status = 'pending' WHERE status = 'awaiting-print';
ALTER TABLE outbox DROP CONSTRAINT outbox_status_check;
ALTER TABLE outbox ADD CONSTRAINT outbox_status_check CHECK (status IN ('pending', 'sent', 'failed'));
DROP TABLE print_batches;
