-- Up Migration

-- Failed sign-ins counted per account and per address (server/auth/sign-in-limits.ts), in the
-- table layout of rate-limiter-flexible's PostgreSQL store, so every API process sees the same
-- counts. `expire` is milliseconds since the epoch.
CREATE TABLE sign_in_limits (
  key varchar(255) PRIMARY KEY,
  points integer NOT NULL DEFAULT 0,
  expire bigint
);
