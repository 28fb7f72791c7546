-- Up Migration

-- Four eyes on authority: a role given to an account, a new account, or an account opened
-- again waits here until a second admin confirms it (neither the admin who asked nor the
-- account's holder). Taking roles away applies at once. `roles` is the whole set the account
-- gets on confirmation; `activate` says the account becomes active then.
CREATE TABLE role_grants (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES users(id),
  roles text[] NOT NULL CHECK (cardinality(roles) > 0),
  activate boolean NOT NULL,
  requested_by uuid NOT NULL REFERENCES users(id),
  requested_at timestamptz NOT NULL DEFAULT now(),
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'confirmed', 'rejected', 'withdrawn')),
  decided_by uuid REFERENCES users(id),
  decided_at timestamptz,
  CHECK ((status = 'pending') = (decided_by IS NULL)),
  CHECK (status <> 'confirmed' OR (decided_by <> requested_by AND decided_by <> user_id))
);
-- One open request per account: a newer one replaces it (the older is withdrawn).
CREATE UNIQUE INDEX role_grants_one_pending ON role_grants (user_id) WHERE status = 'pending';
