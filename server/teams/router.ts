// HTTP for teams: admins define them; their members then see only their areas' cases (scope.ts).
import { Router } from 'express';
import { teamAdmins } from '../../definition/access.ts';
import { actorOf, requireRole } from '../auth/middleware.ts';
import type { Db } from '../db/pool.ts';
import { parseInput } from '../validation.ts';
import { deleteTeam, listTeams, putTeam } from './repository.ts';
import { TeamIdSchema, TeamInputSchema } from './schemas.ts';

export function teamsRouter(pool: Db): Router {
  const router = Router();
  router.get('/teams', requireRole(...teamAdmins), async (_req, res) => {
    res.json({ teams: await listTeams(pool) });
  });
  router.put('/teams/:id', requireRole(...teamAdmins), async (req, res) => {
    const id = parseInput(TeamIdSchema, req.params.id, 'path.id');
    const input = parseInput(TeamInputSchema, req.body);
    const { team, created } = await putTeam(pool, id, input, actorOf(req).userId);
    res.status(created ? 201 : 200).json({ team });
  });
  router.delete('/teams/:id', requireRole(...teamAdmins), async (req, res) => {
    await deleteTeam(pool, parseInput(TeamIdSchema, req.params.id, 'path.id'), actorOf(req).userId);
    res.status(204).end();
  });
  return router;
}
