-- Up Migration

-- A second factor (TOTP, RFC 6238) per staff account: the secret of the authenticator app once
-- confirmed with a code, one waiting for that confirmation, and the last time step a code was
-- accepted for (a code is good once: ASVS 6.5.1).
ALTER TABLE users
  ADD COLUMN totp_secret text,
  ADD COLUMN totp_pending text,
  ADD COLUMN totp_last_step bigint;
