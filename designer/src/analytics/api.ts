// The analytics page's calls to the API, typed with what the server answers (types only:
// nothing of the server is bundled).
import type { Comparison } from '../../../server/analytics/comparison.ts';
import type { Outcomes } from '../../../server/analytics/outcomes.ts';
import type { analyticsVersions } from '../../../server/analytics/versions.ts';
import type { Rate } from '../../../server/analytics/intervals.ts';
import { api, query } from '../api/client.ts';

export type { Comparison, Outcomes, Rate };
export type AnalyticsVersion = Awaited<ReturnType<typeof analyticsVersions>>[number];
export type Population = { definitionId: string; version: number; from?: string; to?: string };
export type AnalyticsTable = 'steps' | 'channels' | 'arrangements';

export const analyticsApi = {
  versions: () => api.get<{ versions: AnalyticsVersion[] }>('/api/analytics/versions'),
  outcomes: (p: Population) => api.get<Outcomes>(`/api/analytics/outcomes${query(p)}`),
  comparison: (p: Population, versionB: number) =>
    api.get<Comparison>(`/api/analytics/comparison${query({ definitionId: p.definitionId, versionA: p.version, versionB, from: p.from, to: p.to })}`),
  csvUrl: (p: Population, table: AnalyticsTable, lang: string) => `/api/analytics/outcomes.csv${query({ ...p, table, lang })}`,
  comparisonCsvUrl: (p: Population, versionB: number, lang: string) =>
    `/api/analytics/comparison.csv${query({ definitionId: p.definitionId, versionA: p.version, versionB, from: p.from, to: p.to, lang })}`,
};
