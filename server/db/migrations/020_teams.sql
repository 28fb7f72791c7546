-- Up Migration

-- Teams (optional): a team works the tenancies of its areas, ranges of the four digits of the
-- postcode (3500-3549: Utrecht-Noord). A member of one or more teams sees, in lists, the inbox
-- and by id, only cases of their teams' areas (server/teams/scope.ts); staff in no team see
-- every case. The digits survive anonymising (the letters do not), so statistics per team stay.
CREATE TABLE teams (
  id text PRIMARY KEY CHECK (id ~ '^[a-z0-9][a-z0-9-]{1,39}$'),
  name text NOT NULL CHECK (length(name) BETWEEN 2 AND 80),
  updated_by uuid NOT NULL REFERENCES users(id),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE team_areas (
  team_id text NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
  from_area integer NOT NULL CHECK (from_area BETWEEN 1000 AND 9999),
  to_area integer NOT NULL CHECK (to_area BETWEEN 1000 AND 9999),
  CHECK (from_area <= to_area),
  PRIMARY KEY (team_id, from_area)
);

CREATE TABLE team_members (
  team_id text NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES users(id),
  PRIMARY KEY (team_id, user_id)
);
CREATE INDEX team_members_by_user ON team_members (user_id);

-- The four digits of a tenancy's postcode, for the areas above.
ALTER TABLE tenancies ADD COLUMN postcode_area integer GENERATED ALWAYS AS (CASE WHEN postal_code ~ '^[1-9][0-9]{3}' THEN left(postal_code, 4)::integer END) STORED;
