-- Up Migration

-- Who may complete a task, kept with the task: the role it opened with and every role a
-- deadline escalated it to (definition/access.ts). The inbox, the server's guards and the
-- workflow's validator read the same list, so they accept and refuse the same people.
ALTER TABLE tasks ADD COLUMN roles text[];
UPDATE tasks SET roles = CASE WHEN role = original_role THEN ARRAY[role] ELSE ARRAY[original_role, role] END;
ALTER TABLE tasks ALTER COLUMN roles SET NOT NULL;
CREATE INDEX tasks_roles ON tasks USING gin (roles) WHERE status = 'open';
