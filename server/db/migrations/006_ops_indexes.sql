-- Up Migration

-- For the ops views (issue 5), which read across all cases rather than one case at a time.
-- Messages still waiting to go out: the failing-activity scan asks Temporal about their cases.
CREATE INDEX outbox_pending ON outbox (created_at) WHERE status = 'pending';
-- The dashboard's weekly figures: cases opened and closed per week.
CREATE INDEX cases_opened_at ON cases (opened_at) WHERE NOT dry_run;
CREATE INDEX cases_closed_at ON cases (closed_at) WHERE status = 'closed';
-- Timeline events of one kind within a window (payments cleared, arrangements ended).
CREATE INDEX case_events_type_at ON case_events (type, at);
