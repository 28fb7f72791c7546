-- Up Migration

-- The inbox and the case list over tens of thousands of open cases (bench/api-load.ts).

-- A case's clock (server/ops/business-time.ts) is counted on from its latest timeline event.
-- Looking that event up for every row made sorting a team's queue by time left cost a
-- subquery per open task; the latest event's times are kept on the case instead, by a trigger,
-- so no writer can forget them. Among concurrent inserts the highest event id wins, as the
-- lookup's ORDER BY id DESC did.
ALTER TABLE cases
  ADD COLUMN clock_event_id bigint,
  ADD COLUMN clock_at timestamptz,
  ADD COLUMN clock_recorded_at timestamptz;

UPDATE cases c SET clock_event_id = e.id, clock_at = e.at, clock_recorded_at = e.recorded_at
FROM (SELECT DISTINCT ON (case_id) case_id, id, at, recorded_at FROM case_events ORDER BY case_id, id DESC) e
WHERE e.case_id = c.id;

CREATE FUNCTION keep_case_clock() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE cases SET clock_event_id = NEW.id, clock_at = NEW.at, clock_recorded_at = NEW.recorded_at
  WHERE id = NEW.case_id AND (clock_event_id IS NULL OR clock_event_id < NEW.id);
  RETURN NULL;
END $$;
CREATE TRIGGER case_events_clock AFTER INSERT ON case_events FOR EACH ROW EXECUTE FUNCTION keep_case_clock();

-- The case list's default order (newest first, ties by id) read straight from an index, so a
-- page of 50 does not sort every case. It serves the dashboard's opened-per-week ranges too,
-- which the index it replaces was for.
DROP INDEX cases_opened_at;
CREATE INDEX cases_list_opened ON cases (opened_at DESC, id) WHERE NOT dry_run;
