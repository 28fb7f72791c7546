-- Up Migration

-- Outcome analytics ("what works", issue 14): what followed each step, message, call, visit and
-- arrangement of a case, worked out once from its timeline when the case closes, so the figures
-- over a hundred thousand cases are sums over a narrow table instead of a walk through a million
-- timeline events per request (bench/analytics.ts measured 15 s for that walk on 100,000 cases).
-- Only closed cases: there every window ("paid within 30 days") is known. A row per
--   case         the case itself from its first step; key = its outcome
--   step         the first time the case entered a step; key = the step id
--   message      a message the ladder sent that asks something; key = the channel
--   task         a call or visit done; key = 'call' or 'visit'; answered_days = 0 when it reached the tenant
--   arrangement  an instalment plan; key = how it ended (completed, broken, or how the step was left)
-- The *_days columns: days from the row's moment to the first such signal at or after it in the
-- same case, null when none came.
--   paid       a payment that brought the balance to zero (forgiveness and hand-over are not payment)
--   arranged   an instalment plan began to run
--   contacted  staff recorded contact, the tenant acted on their own page, or a task ended with an
--              outcome whose meaning is contact-made or that records an agreed arrangement
--   answered   any payment, or contact
CREATE TABLE analytics_passages (
  case_id uuid NOT NULL REFERENCES cases(id),
  definition_id text NOT NULL,
  definition_version integer NOT NULL,
  opened_at timestamptz NOT NULL,
  kind text NOT NULL CHECK (kind IN ('case', 'step', 'message', 'task', 'arrangement')),
  key text NOT NULL,
  at timestamptz NOT NULL,
  paid_days double precision,
  arranged_days double precision,
  contacted_days double precision,
  answered_days double precision,
  instalments integer,
  amount_cents bigint
);
-- Covering, and in the order the figures group and take medians in (kind, key, then days to
-- payment): they are read from the index alone once it is vacuumed, with no sort, instead of
-- from table rows scattered in the order cases happened to close (bench: 2.2 s → 1.1 s).
CREATE INDEX analytics_passages_population ON analytics_passages (definition_id, definition_version, kind, key, paid_days)
  INCLUDE (opened_at, arranged_days, contacted_days, answered_days, instalments, amount_cents);
CREATE INDEX analytics_passages_case ON analytics_passages (case_id);

-- The rows of these cases, from their timelines (again, if they were there already).
-- Every later part carries the case's columns along rather than joining the cases again: the
-- planner cannot know how many ids the array holds and plans for a few, so a join there would be
-- a loop over every case for every row in a backfill.
CREATE FUNCTION analytics_record(closed uuid[]) RETURNS void LANGUAGE sql AS $$
  -- Joined with unnest, not "= ANY(closed)": a backfill of many cases would compare every row with every id.
  DELETE FROM analytics_passages a USING unnest(closed) AS u(id) WHERE a.case_id = u.id;
  WITH pop AS (
    SELECT c.id, c.definition_id, c.definition_version, c.opened_at, c.outcome FROM cases c JOIN unnest(closed) AS u(id) ON u.id = c.id
    WHERE c.status = 'closed' AND NOT c.dry_run
  ),
  reaching AS (
    SELECT d.id AS definition_id, d.version, s ->> 'id' AS step_id, o ->> 'id' AS outcome
    FROM definitions d, jsonb_array_elements(d.body -> 'steps') s, jsonb_array_elements(COALESCE(s -> 'outcomes', '[]'::jsonb)) o
    WHERE (o ->> 'meaning' = 'contact-made' OR (o ->> 'arrangement')::boolean IS TRUE)
  ),
  ev AS (
    SELECT e.case_id, p.definition_id, p.definition_version, p.opened_at, p.outcome, e.id, e.at, e.type, e.step_id, e.data,
           e.type IN ('contact', 'call-back-requested', 'arrangement-proposed', 'help-reported', 'contact-preference')
           OR (e.type = 'task-closed' AND e.data ->> 'status' = 'completed'
               AND EXISTS (SELECT 1 FROM reaching r WHERE r.definition_id = p.definition_id AND r.version = p.definition_version AND r.step_id = e.step_id AND r.outcome = e.data ->> 'outcome')) AS contact
    FROM pop p JOIN case_events e ON e.case_id = p.id
    WHERE e.type IN ('step', 'message', 'payment', 'arrangement-started', 'task-closed', 'contact', 'call-back-requested', 'arrangement-proposed', 'help-reported', 'contact-preference')
  ),
  ahead AS (
    -- Newest first, a running min: for every event the first of each signal at or after it.
    SELECT case_id, definition_id, definition_version, opened_at, outcome, id, at, type, step_id, data,
           min(CASE WHEN type = 'payment' AND (data ->> 'balanceCents')::bigint <= 0 THEN at END) OVER w AS paid,
           min(CASE WHEN type = 'arrangement-started' THEN at END) OVER w AS arranged,
           min(CASE WHEN contact THEN at END) OVER w AS contacted,
           min(CASE WHEN type = 'payment' OR contact THEN at END) OVER w AS answered
    FROM ev
    WINDOW w AS (PARTITION BY case_id ORDER BY at DESC, id DESC ROWS UNBOUNDED PRECEDING)
  ),
  steps AS (
    SELECT DISTINCT ON (case_id, step_id) * FROM ahead WHERE type = 'step' ORDER BY case_id, step_id, at, id
  ),
  rows AS (
    SELECT 'step' AS kind, step_id AS key, case_id, definition_id, definition_version, opened_at, at, paid, arranged, contacted, answered,
           NULL::integer AS instalments, NULL::bigint AS amount_cents
    FROM steps
    UNION ALL
    (SELECT DISTINCT ON (case_id) 'case', COALESCE(outcome, 'unknown'), case_id, definition_id, definition_version, opened_at, at, paid, arranged, contacted, answered, NULL::integer, NULL::bigint
     FROM steps ORDER BY case_id, at, id)
    UNION ALL
    SELECT 'message', data ->> 'channel', case_id, definition_id, definition_version, opened_at, at, paid, arranged, contacted, answered, NULL, NULL
    FROM ahead
    WHERE type = 'message' AND data ->> 'status' IS DISTINCT FROM 'failed'
      -- The ladder's asking messages: an instalment reminder is answered by the instalment, aftercare asks nothing.
      AND data ->> 'purpose' IN ('reminder', 'fourteen-day-letter', 'payment-link', 'information')
    UNION ALL
    SELECT 'arrangement',
           COALESCE((SELECT x.data -> 'previous' ->> 'outcome' FROM case_events x
                     WHERE x.case_id = a.case_id AND x.type = 'step' AND x.id > a.id AND x.data -> 'previous' ->> 'stepId' = a.step_id
                     ORDER BY x.id LIMIT 1), 'running'),
           case_id, definition_id, definition_version, opened_at, at, paid, arranged, contacted, answered, jsonb_array_length(data -> 'instalments'),
           (SELECT COALESCE(sum((i ->> 'amountCents')::bigint), 0) FROM jsonb_array_elements(data -> 'instalments') i)
    FROM ahead a WHERE type = 'arrangement-started' AND jsonb_typeof(data -> 'instalments') = 'array' AND jsonb_array_length(data -> 'instalments') > 0
  )
  INSERT INTO analytics_passages (case_id, definition_id, definition_version, opened_at, kind, key, at, paid_days, arranged_days, contacted_days, answered_days, instalments, amount_cents)
  SELECT case_id, definition_id, definition_version, opened_at, kind, key, at,
         extract(epoch FROM paid - at) / 86400, extract(epoch FROM arranged - at) / 86400, extract(epoch FROM contacted - at) / 86400, extract(epoch FROM answered - at) / 86400,
         instalments, amount_cents
  FROM rows
  UNION ALL
  SELECT t.case_id, p.definition_id, p.definition_version, p.opened_at, 'task', CASE WHEN t.kind = 'phone-call' THEN 'call' ELSE 'visit' END, COALESCE(t.closed_at, t.opened_at),
         NULL, NULL, NULL, CASE WHEN EXISTS (SELECT 1 FROM reaching r WHERE r.definition_id = p.definition_id AND r.version = p.definition_version AND r.step_id = t.step_id AND r.outcome = t.outcome) THEN 0 END, NULL, NULL
  FROM pop p JOIN tasks t ON t.case_id = p.id
  WHERE t.status = 'completed' AND t.kind IN ('phone-call', 'home-visit', 'office-visit');
$$;

-- A case's rows are written in the transaction that closes it, when its timeline is complete
-- (the closing write comes last, after every earlier write of the case). A statement trigger
-- with transition tables, because a trigger on a column list cannot have them.
CREATE FUNCTION analytics_on_close() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  closed uuid[];
BEGIN
  closed := ARRAY(SELECT n.id FROM now_rows n JOIN was_rows o ON o.id = n.id WHERE n.status = 'closed' AND o.status <> 'closed' AND NOT n.dry_run);
  IF cardinality(closed) > 0 THEN
    PERFORM analytics_record(closed);
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER cases_closed_analytics AFTER UPDATE ON cases
  REFERENCING OLD TABLE AS was_rows NEW TABLE AS now_rows
  FOR EACH STATEMENT EXECUTE FUNCTION analytics_on_close();

-- The cases closed before this migration.
SELECT analytics_record(ARRAY(SELECT id FROM cases WHERE status = 'closed' AND NOT dry_run));
