-- Up Migration

-- A session ends after 30 minutes without a request (server/auth/sessions.ts), besides its
-- absolute end: a screen left signed in at a desk does not stay open for the day.
ALTER TABLE sessions ADD COLUMN last_seen_at timestamptz NOT NULL DEFAULT now();
