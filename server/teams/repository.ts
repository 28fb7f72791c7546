// Teams in PostgreSQL: read all, replace one whole (name, areas, members), delete one. Every
// change is audited with before and after, so who widened or narrowed whose view is on record.
import type { Db, Queryable } from '../db/pool.ts';
import { inTransaction } from '../db/pool.ts';
import { audit } from '../audit/repository.ts';
import { invalid, notFound } from '../errors.ts';
import type { Team, TeamInput } from './schemas.ts';

export async function listTeams(q: Queryable, id?: string): Promise<Team[]> {
  const r = await q.query<{ id: string; name: string; updated_at: Date; areas: Team['areas']; members: Team['members'] }>(
    `SELECT t.id, t.name, t.updated_at,
            COALESCE((SELECT json_agg(json_build_object('from', a.from_area, 'to', a.to_area) ORDER BY a.from_area) FROM team_areas a WHERE a.team_id = t.id), '[]') AS areas,
            COALESCE((SELECT json_agg(json_build_object('id', u.id, 'displayName', u.display_name) ORDER BY u.display_name) FROM team_members m JOIN users u ON u.id = m.user_id WHERE m.team_id = t.id), '[]') AS members
     FROM teams t ${id ? 'WHERE t.id = $1' : ''} ORDER BY t.name`,
    id ? [id] : [],
  );
  return r.rows.map((t) => ({ id: t.id, name: t.name, areas: t.areas, members: t.members, updatedAt: t.updated_at.toISOString() }));
}

const summary = (t: Team | undefined) => (t ? { name: t.name, areas: t.areas, members: t.members.map((m) => m.id) } : null);

/** Creates or replaces the team; members that are no user are named in a 400 and nothing changes. */
export async function putTeam(pool: Db, id: string, input: TeamInput, by: string): Promise<{ team: Team; created: boolean }> {
  return await inTransaction(pool, async (q) => {
    const known = await q.query<{ id: string }>(`SELECT id FROM users WHERE id = ANY($1::uuid[])`, [input.members]);
    const unknown = input.members.map((m, i) => ({ m, i })).filter(({ m }) => !known.rows.some((u) => u.id === m));
    if (unknown.length) throw invalid(`members: ${unknown.map((u) => u.m).join(', ')} is no user`, unknown.map((u) => ({ field: `body.members.${u.i}`, message: 'no user has this id' })));
    await q.query(`SELECT pg_advisory_xact_lock(hashtext('team:' || $1))`, [id]);
    const [before] = await listTeams(q, id);
    await q.query(
      `INSERT INTO teams (id, name, updated_by) VALUES ($1, $2, $3) ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, updated_by = EXCLUDED.updated_by, updated_at = now()`,
      [id, input.name, by],
    );
    await q.query(`DELETE FROM team_areas WHERE team_id = $1`, [id]);
    await q.query(`INSERT INTO team_areas (team_id, from_area, to_area) SELECT $1, f, t FROM unnest($2::int[], $3::int[]) AS x(f, t)`, [id, input.areas.map((a) => a.from), input.areas.map((a) => a.to)]);
    await q.query(`DELETE FROM team_members WHERE team_id = $1`, [id]);
    await q.query(`INSERT INTO team_members (team_id, user_id) SELECT $1, unnest($2::uuid[])`, [id, input.members]);
    const [team] = await listTeams(q, id);
    await audit(q, { actor: by, action: before ? 'team.change' : 'team.create', entity: 'team', entityId: id, before: summary(before), after: summary(team) });
    return { team: team!, created: !before };
  });
}

export async function deleteTeam(pool: Db, id: string, by: string): Promise<void> {
  await inTransaction(pool, async (q) => {
    const [before] = await listTeams(q, id);
    if (!before) throw notFound(`team ${id} not found`);
    await q.query(`DELETE FROM teams WHERE id = $1`, [id]);
    await audit(q, { actor: by, action: 'team.delete', entity: 'team', entityId: id, before: summary(before), after: null });
  });
}
