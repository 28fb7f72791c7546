// HTTP for the task inbox. Completing a task is POST /tasks/:id/complete in cases/router.ts
// (it goes through the case workflow's update); the server's checks for it are in guards.ts.
import { Router } from 'express';
import { actorOf, requireRole } from '../auth/middleware.ts';
import { parseInput } from '../validation.ts';
import { ReassignSchema, TaskIdSchema, TaskListQuerySchema } from './schemas.ts';
import * as service from './service.ts';
import { supervisorRoles, taskRoles } from '../../definition/access.ts';

const taskId = (params: Record<string, unknown>) => parseInput(TaskIdSchema, params.id, 'path.id');

export function tasksRouter(deps: service.TaskDeps): Router {
  const router = Router();

  router.get('/tasks', requireRole(...taskRoles), async (req, res) => {
    const query = parseInput(TaskListQuerySchema, req.query, 'query');
    res.json(await service.inbox(deps, actorOf(req), query));
  });

  // Counts carry no personal data: the inbox polls them to notice new work.
  router.get('/tasks/counts', requireRole(...taskRoles), async (req, res) => {
    res.json(await service.counts(deps, actorOf(req)));
  });

  router.get('/tasks/:id', requireRole(...taskRoles), async (req, res) => {
    res.json(await service.taskDetail(deps, taskId(req.params), actorOf(req)));
  });

  router.post('/tasks/:id/claim', requireRole(...taskRoles), async (req, res) => {
    res.json({ task: await service.claim(deps, taskId(req.params), actorOf(req)) });
  });

  router.post('/tasks/:id/unclaim', requireRole(...taskRoles), async (req, res) => {
    res.json({ task: await service.unclaim(deps, taskId(req.params), actorOf(req)) });
  });

  router.post('/tasks/:id/reassign', requireRole(...supervisorRoles), async (req, res) => {
    const id = taskId(req.params);
    const input = parseInput(ReassignSchema, req.body);
    res.json({ task: await service.reassign(deps, id, input.assignee, actorOf(req)) });
  });

  return router;
}
