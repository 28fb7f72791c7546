-- Up Migration

-- Free text written about a tenant (call notes, visit reports, pause reasons, motivations) is
-- personal data: it stays here, and workflows carry only a reference "note:<id>".
CREATE TABLE case_notes (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id uuid NOT NULL REFERENCES cases(id),
  author text NOT NULL,
  kind text NOT NULL,
  text text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX case_notes_case ON case_notes (case_id, created_at);
