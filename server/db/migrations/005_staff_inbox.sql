-- Up Migration

-- Claiming a task: tasks.assignee (from 001) says who took it, claimed_at since when. An
-- escalation clears the assignee (the task moves on to another role), so claimed_at only
-- means something while assignee is set.
ALTER TABLE tasks ADD COLUMN claimed_at timestamptz;
CREATE INDEX tasks_assignee ON tasks (assignee) WHERE status = 'open';

-- A list (the inbox, the case list) shows tenant names: one audit row per list read, with
-- the ids of the cases it showed in details.caseIds. The case page finds those rows by case.
CREATE INDEX audit_list_reads ON audit_log USING gin ((details -> 'caseIds')) WHERE action = 'personal-data.list';
-- User administration is audited by entity (no case).
CREATE INDEX audit_entity ON audit_log (entity, entity_id);
