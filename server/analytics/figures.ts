// The analytics' one query: every figure of one definition version over its closed cases that
// started in a period, summed from analytics_passages (migration 025 says what a row is and
// what "paid", "arrangement", "contact" and "answered" mean; a case's rows are written when it
// closes). Closed cases only, because only there is "paid within 30 days" known.
import { inTransaction, type Db } from '../db/pool.ts';
import { FiguresSchema, type Figures } from './schemas.ts';

/** Bands of an arrangement's length (instalments) and of the amount it covers (cents): lower bounds after the first band. */
export const lengthBands = [4, 7, 13];
export const amountBands = [50_000, 100_000, 250_000];

const within = (column: string, days: number) => `count(*) FILTER (WHERE ${column} <= ${days})::int`;
const median = (column: string) => `percentile_cont(0.5) WITHIN GROUP (ORDER BY ${column})`;

// Each part reads its own kind of row from the covering index (definition, version, kind, key, paid_days).
const rows = (kind: string) => `FROM analytics_passages a
  WHERE a.definition_id = $1 AND a.definition_version = $2 AND a.kind = '${kind}'
    AND ($3::date IS NULL OR a.opened_at >= $3::date::timestamp AT TIME ZONE 'Europe/Amsterdam')
    AND ($4::date IS NULL OR a.opened_at < $4::date::timestamp AT TIME ZONE 'Europe/Amsterdam')`;

export const figuresSql = `
SELECT json_build_object(
  'steps', COALESCE((
    SELECT json_agg(s) FROM (
      SELECT key AS "stepId", count(*)::int AS passed,
             ${within('paid_days', 7)} AS paid7, ${within('paid_days', 14)} AS paid14, ${within('paid_days', 30)} AS paid30,
             ${within('arranged_days', 7)} AS arranged7, ${within('arranged_days', 14)} AS arranged14, ${within('arranged_days', 30)} AS arranged30,
             ${within('contacted_days', 7)} AS contacted7, ${within('contacted_days', 14)} AS contacted14, ${within('contacted_days', 30)} AS contacted30,
             count(paid_days)::int AS "paidEver", ${median('paid_days')} AS "medianDaysToPaid"
      ${rows('step')} GROUP BY key
    ) s), '[]'::json),
  'overall', (
    SELECT json_build_object('cases', count(*)::int, 'paid30', ${within('paid_days', 30)}, 'paid60', ${within('paid_days', 60)},
                             'arranged', count(arranged_days)::int, 'contacted30', ${within('contacted_days', 30)}, 'medianDaysToPaid', ${median('paid_days')})
    ${rows('case')}),
  'channels', COALESCE((
    SELECT json_agg(ch) FROM (
      SELECT key AS channel, count(*)::int AS sent, ${within('answered_days', 14)} AS answered ${rows('message')} GROUP BY key
      UNION ALL
      SELECT key, count(*)::int, count(answered_days)::int ${rows('task')} GROUP BY key
    ) ch), '[]'::json),
  'arrangements', COALESCE((
    SELECT json_agg(x) FROM (
      SELECT by, band, count(*) FILTER (WHERE key = 'completed')::int AS kept, count(*) FILTER (WHERE key = 'broken')::int AS broken,
             count(*) FILTER (WHERE key NOT IN ('completed', 'broken'))::int AS other
      FROM (
        SELECT 'length' AS by, width_bucket(instalments, $5::int[]) AS band, key ${rows('arrangement')}
        UNION ALL
        SELECT 'amount', width_bucket(amount_cents, $6::bigint[]), key ${rows('arrangement')}
      ) banded GROUP BY by, band ORDER BY by, band
    ) x), '[]'::json),
  'outcomes', COALESCE((SELECT json_agg(o) FROM (SELECT key AS outcome, count(*)::int AS cases ${rows('case')} GROUP BY key ORDER BY key) o), '[]'::json)
) AS figures`;

export type Population = { definitionId: string; version: number; from?: string | undefined; to?: string | undefined };

export async function figuresOf(pool: Db, p: Population): Promise<Figures> {
  const figures = await inTransaction(pool, async (q) => {
    // The medians sort hundreds of thousands of days per version; in memory, not on disk.
    await q.query(`SET LOCAL work_mem = '64MB'`);
    return (await q.query<{ figures: unknown }>(figuresSql, [p.definitionId, p.version, p.from ?? null, p.to ?? null, lengthBands, amountBands])).rows[0]!.figures;
  });
  return FiguresSchema.parse(figures);
}
