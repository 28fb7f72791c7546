// The ops pages' calls to the API, typed with what the server answers (the server's own
// return types, imported as types only: nothing of the server is bundled).
import type { Definition } from '../../../definition/schema.ts';
import type { CaseRow } from '../../../server/cases/repository.ts';
import type { Dashboard } from '../../../server/ops/dashboard.ts';
import type { heatOf } from '../../../server/ops/heat.ts';
import type { versionsInUse } from '../../../server/ops/repository.ts';
import type { previewMigration } from '../../../server/ops/migration.ts';
import type { PerCaseRun } from '../../../server/ops/run-per-case.ts';
import type { trouble } from '../../../server/ops/trouble.ts';
import type { Migrated } from '../../../workflows/messages.ts';
import { api, query } from '../api/client.ts';

export type { CaseRow, Dashboard };
export type Heat = Awaited<ReturnType<typeof heatOf>>;
export type VersionInUse = Awaited<ReturnType<typeof versionsInUse>>[number];
export type Trouble = Awaited<ReturnType<typeof trouble>>;
export type MigrationPreview = Awaited<ReturnType<typeof previewMigration>>;
export type BulkResult = PerCaseRun<{ paused: boolean; balanceCents: number }>;
export type MigrationResult = PerCaseRun<Migrated>;

/** The case search's filters, as the URL and GET /api/cases take them. */
export type CaseFilter = {
  status?: string;
  step?: string;
  definitionId?: string;
  version?: string;
  segment?: string;
  paused?: string;
  waitingOn?: string;
  minBalanceCents?: string;
  maxBalanceCents?: string;
  minDaysOverdue?: string;
  maxDaysOverdue?: string;
  q?: string;
  sort?: string;
  order?: string;
};

export type CaseDetail = {
  case: CaseRow;
  timeline: Array<{ id: number; at: string; type: string; stepId: string | null; actor: string | null; data: Record<string, unknown> }>;
  live: { paused: { reason: string; reviewDate: string; since: string } | null; currentStep: { id: string; name: string; until: string | null; remainingMs: number | null } | null } | null;
};

export const opsApi = {
  versions: () => api.get<{ versions: VersionInUse[] }>('/api/ops/versions'),
  heat: (definitionId: string, version: number) => api.get<Heat>(`/api/ops/heat${query({ definitionId, version })}`),
  dashboard: (weeks = 12) => api.get<Dashboard>(`/api/ops/dashboard${query({ weeks })}`),
  trouble: () => api.get<Trouble>('/api/ops/trouble'),
  cases: (filter: CaseFilter, page: { limit: number; offset: number }) => api.get<{ total: number; cases: CaseRow[] }>(`/api/cases${query({ ...filter, ...page })}`),
  caseDetail: (id: string) => api.get<CaseDetail>(`/api/cases/${encodeURIComponent(id)}`),
  csvUrl: (filter: CaseFilter, lang: string) => `/api/ops/cases.csv${query({ ...filter, lang })}`,
  bulk: (input: { action: 'pause'; caseIds: string[]; reason: string; reviewDate: string } | { action: 'resume'; caseIds: string[]; note?: string } | { action: 'cancel'; caseIds: string[]; reason: string }) =>
    api.post<BulkResult>('/api/ops/cases/bulk', input),
  config: () => api.get<{ temporalUiUrl: string | null; namespace: string }>('/api/config'),
  migrationPreview: (input: { definitionId: string; fromVersion: number; toVersion: number; stepMapping: Record<string, string> }) =>
    api.post<MigrationPreview>('/api/ops/migrations/preview', input),
  migrate: (input: { definitionId: string; fromVersion: number; toVersion: number; stepMapping: Record<string, string>; caseIds: string[] }) =>
    api.post<MigrationResult>('/api/ops/migrations', input),
  definitionVersions: (id: string) => api.get<{ versions: Array<{ version: number; name: string; runningCases: number; publishedAt: string; changeNote: string | null }> }>(`/api/definitions/${encodeURIComponent(id)}/versions`),
  definitionVersion: (id: string, version?: number) =>
    api.get<{ id: string; version: number; name: string; body: Definition }>(
      version ? `/api/definitions/${encodeURIComponent(id)}/versions/${version}` : `/api/definitions/${encodeURIComponent(id)}`,
    ),
  definitions: () => api.get<{ definitions: Array<{ id: string; name: string; latestVersion: number; runningCases: number }> }>('/api/definitions'),
};
