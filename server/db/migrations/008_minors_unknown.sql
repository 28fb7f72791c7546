-- Up Migration

-- Whether minors live in the household can be unknown (null): the engine then treats the
-- household as one that may have minors and asks for a person's assessment before a summons
-- or an eviction notice (rule 8). Rows from before keep the value they had.
ALTER TABLE tenancies ALTER COLUMN minors_in_household DROP NOT NULL;
ALTER TABLE tenancies ALTER COLUMN minors_in_household DROP DEFAULT;
